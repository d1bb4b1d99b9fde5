// Run environment: `runIn` is SMS_TaskSequence_Action.SupportedEnvironment. Each step type runs only
// in some environments, and a step that runs as a user account fails in Windows PE (it cannot log on
// to a domain there).
//
// Codes:
//   invalid-run-in        error    runIn is not WinPE, FullOS or WinPEandFullOS;
//                         warning  when it differs from one of them only in letter case
//   run-in-not-supported  error    the step type cannot run in that environment (warning when only observed)
//   run-as-in-winpe       error    a step set to run as a user account runs in Windows PE only

import { getAttribute, getElement } from '../catalog';
import type { PropertyInfo } from '../catalog/types';
import type { Problem, StepNode, VariableBinding, XmlAttribute } from '../model';
import { attribute } from '../model';
import type { DocumentIndex } from './documentIndex';
import type { CheckContext } from './index';
import { findIgnoringCase, isConfigMgr, stepLabel, trimmedValueSpan } from './stepSupport';

export function checkRunEnvironment({ document, index }: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const configMgr = isConfigMgr(document);
  const steps = index.steps;
  for (let i = 0; i < steps.length; i++) {
    const node = steps[i];
    // The value of the runIn attribute (the model reads it from there); the attribute itself is
    // looked up only to place a problem.
    if (node.runIn === undefined) {
      continue;
    }
    const allowedValues = runInValues(node.element.name) ?? runInValues('step') ?? [];
    if (allowedValues.length === 0) {
      continue;
    }
    let value = node.runIn;
    if (!allowedValues.includes(value)) {
      const span = problemSpan(node);
      const sameLetters = findIgnoringCase(allowedValues, value.trim());
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
    checkSupported(index, node, value, configMgr, problems);
    if (value === 'WinPE') {
      checkRunAs(document, index, node, problems);
    }
  }
  return problems;
}

function runInAttribute(step: StepNode): XmlAttribute {
  return attribute(step.element, 'runIn')!; // there when step.runIn is
}

/** Where a problem with runIn is shown: its value, or the whole attribute when the value is empty. */
function problemSpan(step: StepNode): Problem['span'] {
  const runIn = runInAttribute(step);
  return runIn.valueSpan.start === runIn.valueSpan.end ? runIn.span : runIn.valueSpan;
}

/** The runIn values the catalog lists for an element. */
function runInValues(elementName: string): readonly string[] | undefined {
  const element = getElement(elementName);
  return element && getAttribute(element, 'runIn')?.values;
}

function checkSupported(index: DocumentIndex, step: StepNode, value: string, configMgr: boolean, problems: Problem[]): void {
  const type = index.stepType(step);
  if (!type || type.allowedRunIn.length === 0 || type.allowedRunIn.includes(value as never)) {
    return;
  }
  const allowed = type.allowedRunIn;
  problems.push({
    code: 'run-in-not-supported',
    severity: configMgr && type.confidence === 'documented' ? 'error' : 'warning',
    message: `${type.displayName} cannot run in ${describe(value)}; it runs in ${allowed.map(describe).join(' or ')}. The step fails at deployment time.`,
    span: problemSpan(step),
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

function runAsBindings(index: DocumentIndex, step: StepNode): VariableBinding[] {
  const properties = index.bindingProperties(step);
  return step.variables.filter((_, i) => isRunAs(properties[i]));
}

function isRunAs(property: PropertyInfo | undefined): boolean {
  return property?.type === 'boolean' && property.property === RUN_AS_PROPERTY;
}

function checkRunAs(document: CheckContext['document'], index: DocumentIndex, step: StepNode, problems: Problem[]): void {
  for (const binding of runAsBindings(index, step)) {
    if (binding.value.trim().toLowerCase() !== 'true') {
      continue;
    }
    problems.push({
      code: 'run-as-in-winpe',
      severity: 'error',
      message: `Step ${stepLabel(step)} runs as a user account (${binding.name} = true) but only in Windows PE (runIn="WinPE"): Windows PE cannot log on with an account, so the step fails. Run it in the full OS or as the Local System account.`,
      span: trimmedValueSpan(document, binding.element),
      related: [{ span: runInAttribute(step).valueSpan, message: 'runIn="WinPE"' }],
      data: { replacements: ['false'] },
    });
  }
}
