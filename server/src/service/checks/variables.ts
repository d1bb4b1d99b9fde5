// Variables a step writes by name (Set Task Sequence Variable, Set Dynamic Variables rules,
// output variables of Run Command Line / Run PowerShell Script and friends): the name must follow
// the naming rules, and it must not be a variable the engine owns. A step's own defaultVarList
// bindings (`_SMSTSRunCommandLineAsUser` on Run Command Line) are properties, not writes, and are
// not judged here.
//
// Codes:
//   invalid-variable-name   error  the name breaks the rules (letters, digits, _ and -; starts with a
//                                  letter; at most 256 characters); a warning in MDT files
//   read-only-variable-write error the name is a read-only variable (_SMSTS…, _TS_CR…, catalog
//                                  read-only) or a step property only its step sets: the write fails
//   reserved-variable-name  warning the name starts with "_", which is reserved for the engine's
//                                  variables

import { getVariable, isReadOnlyVariable } from '../catalog';
import type { Flavor } from '../catalog/types';
import type { Problem } from '../model';
import { variableNameProblem } from './conditions';
import { VARIABLE_NAME_RULES } from './data/conventions';
import type { CheckContext } from './index';
import type { VariableWrite } from './variableFlow';

const HOW: Readonly<Record<VariableWrite['kind'], string>> = {
  setVariable: 'Set Task Sequence Variable',
  output: 'This output variable',
  indexed: 'This destination variable',
  dynamicRule: 'This Set Dynamic Variables rule',
};


export function checkVariables({ document, index }: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const steps = index.steps;
  for (let s = 0; s < steps.length; s++) {
    const writes = index.writesOf(steps[s]);
    for (let w = 0; w < writes.length; w++) {
      const problem = judgeWrite(writes[w], document.flavor);
      if (problem) {
        problems.push(problem);
      }
    }
  }
  return problems;
}

function judgeWrite(write: VariableWrite, flavor: Flavor): Problem | undefined {
  const name = write.name;
  const property = write.binding.property ?? write.binding.name;
  const how = write.kind === 'output' || write.kind === 'indexed' ? `This step's ${property} setting` : HOW[write.kind];
  const wrapped = /^%([^%]+)%$/.exec(name);
  if (wrapped) {
    return {
      code: 'invalid-variable-name',
      severity: 'error',
      message: `${how} names the variable with percent signs: write "${wrapped[1]}", not "${name}". With them, the value of ${wrapped[1]} would be taken as the name.`,
      span: write.span,
      data: { replacements: [wrapped[1]] },
    };
  }
  const reason = variableNameProblem(name, true);
  if (reason) {
    // ConfigMgr's console and provider validate the name; MDT's scripts write whatever they are
    // given through their own environment object, so there the name is only unusable in %Name%.
    return {
      code: 'invalid-variable-name',
      severity: flavor === 'mdt' ? 'warning' : 'error',
      message: `${how} cannot set "${name}": ${reason}.`,
      span: write.span,
      data: /\s/.test(name) ? { replacements: [name.replace(/\s+/g, '')] } : undefined,
    };
  }
  if (write.kind === 'indexed') {
    return undefined; // <name>01, <name>02… are set, never <name> itself
  }
  const info = getVariable(name);
  if (info && !info.readOnly && info.settable === false) {
    const owners = info.appliesTo?.length ? ` (${info.appliesTo.map(shortType).join(', ')})` : '';
    return {
      code: 'read-only-variable-write',
      severity: 'error',
      message: `${info.name} is set only by the step that owns it${owners}, from its own settings. ${how} cannot set it; change the setting on that step instead.`,
      span: write.span,
    };
  }
  if (isReadOnlyVariable(name)) {
    return {
      code: 'read-only-variable-write',
      severity: 'error',
      message: `${info?.name ?? name} is a read-only variable that the task sequence engine sets${info ? ` (${lowerFirst(info.description)})` : ''}. ${how} cannot change it: the write fails.`,
      span: write.span,
    };
  }
  if (name.startsWith(VARIABLE_NAME_RULES.reservedPrefix)) {
    return {
      code: 'reserved-variable-name',
      severity: 'warning',
      message: `Variable names starting with "_" are reserved for the task sequence engine's read-only variables; ${lowerFirst(how)} may not be able to set "${name}". Use a name that starts with a letter.`,
      span: write.span,
    };
  }
  return undefined;
}

function shortType(className: string): string {
  return className.replace(/^SMS_TaskSequence_/, '').replace(/Action$/, '');
}

function lowerFirst(text: string): string {
  const trimmed = text.replace(/\.$/, '');
  return /^[A-Z][a-z]/.test(trimmed) ? trimmed.charAt(0).toLowerCase() + trimmed.slice(1) : trimmed;
}
