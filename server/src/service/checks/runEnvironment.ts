// Run environment: `runIn` is SMS_TaskSequence_Action.SupportedEnvironment. Each step type runs only
// in some environments, and a step that runs as a user account fails in Windows PE (it cannot log on
// to a domain there).
//
// Codes:
//   invalid-run-in        error    runIn is not WinPE, FullOS or WinPEandFullOS;
//                         warning  when it differs from one of them only in letter case
//   run-in-not-supported  error    the step type cannot run in that environment (warning when only observed)
//   run-as-in-winpe       error    a step set to run as a user account runs in Windows PE only

import { getElement, getProperty, getUntypedStepProperty } from '../catalog';
import type { Problem, StepNode, VariableBinding } from '../model';
import { allSteps, attribute } from '../model';
import type { CheckContext } from './index';
import { isConfigMgr, resolveStepType, stepLabel, trimmedValueSpan } from './stepSupport';

export function checkRunEnvironment({ document }: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const configMgr = isConfigMgr(document);
  for (const node of allSteps(document)) {
    const runIn = attribute(node.element, 'runIn');
    if (!runIn) {
      continue;
    }
    const allowedValues = getElement(node.element.name)?.attributes.find((a) => a.name === 'runIn')?.values ?? getElement('step')?.attributes.find((a) => a.name === 'runIn')?.values ?? [];
    if (allowedValues.length === 0) {
      continue;
    }
    const span = runIn.valueSpan.start === runIn.valueSpan.end ? runIn.span : runIn.valueSpan;
    let value = runIn.value;
    if (!allowedValues.includes(value)) {
      const sameLetters = allowedValues.find((v) => v.toLowerCase() === value.trim().toLowerCase());
      problems.push(
        sameLetters
          ? {
              code: 'invalid-run-in',
              severity: 'warning',
              message: `runIn="${value}" should be spelled "${sameLetters}": the environment names are matched exactly.`,
              span,
              data: { replacements: [sameLetters] },
            }
          : {
              code: 'invalid-run-in',
              severity: 'error',
              message: `runIn="${value}" is not an environment a step can run in; use ${allowedValues.join(', ')}.`,
              span,
              data: { replacements: [...allowedValues] },
            },
      );
      if (!sameLetters) {
        continue;
      }
      value = sameLetters;
    }
    checkSupported(node, value, span, configMgr, problems);
    if (value === 'WinPE') {
      checkRunAs(document, node, runIn.valueSpan, problems);
    }
  }
  return problems;
}

function checkSupported(step: StepNode, value: string, span: Problem['span'], configMgr: boolean, problems: Problem[]): void {
  const type = resolveStepType(step);
  if (!type || type.allowedRunIn.length === 0 || type.allowedRunIn.includes(value as never)) {
    return;
  }
  const allowed = type.allowedRunIn;
  problems.push({
    code: 'run-in-not-supported',
    severity: configMgr && type.confidence === 'documented' ? 'error' : 'warning',
    message: `${type.displayName} cannot run in ${describe(value)}; it runs in ${allowed.map(describe).join(' or ')}. The step fails at deployment time.`,
    span,
    data: { replacements: [...allowed] },
  });
}

function describe(runIn: string): string {
  switch (runIn) {
    case 'WinPE':
      return 'Windows PE only (WinPE)';
    case 'FullOS':
      return 'the full operating system only (FullOS)';
    case 'WinPEandFullOS':
      return 'both Windows PE and the full OS (WinPEandFullOS)';
    default:
      return runIn;
  }
}

/**
 * The boolean property that makes a step run as a user account instead of Local System (Run
 * Command Line, Run PowerShell Script, Lite Touch command lines). The catalog has no flag for it;
 * it is the same WMI property name on every class that has it.
 */
const RUN_AS_PROPERTY = 'RunAsUser';

function runAsBindings(step: StepNode): VariableBinding[] {
  const type = resolveStepType(step);
  if (!type && step.type !== undefined) {
    return [];
  }
  return step.variables.filter((binding) => {
    const reference = { property: binding.property, variable: binding.name };
    const property = type ? getProperty(type, reference) : getUntypedStepProperty(reference);
    return property?.type === 'boolean' && property.property === RUN_AS_PROPERTY;
  });
}

function checkRunAs(document: CheckContext['document'], step: StepNode, runInSpan: Problem['span'], problems: Problem[]): void {
  for (const binding of runAsBindings(step)) {
    if (binding.value.trim().toLowerCase() !== 'true') {
      continue;
    }
    problems.push({
      code: 'run-as-in-winpe',
      severity: 'error',
      message: `Step ${stepLabel(step)} runs as a user account (${binding.name} = true) but only in Windows PE (runIn="WinPE"): Windows PE cannot log on with an account, so the step fails. Run it in the full OS or as the Local System account.`,
      span: trimmedValueSpan(document, binding.element),
      related: [{ span: runInSpan, message: 'runIn="WinPE"' }],
      data: { replacements: ['false'] },
    });
  }
}
