// Disabled steps and groups. Disabling is how admins comment steps out, so a disabled step on its
// own is not a problem and is never reported. Two things are:
//
//   disabled-child-task-sequence  warning  a disabled Run Task Sequence step (ConfigMgr): Microsoft
//                                          documents that a disabled child task sequence fails the
//                                          deployment, and Continue on error does not help
//   steps-in-disabled-group       hint     a disabled group: every step inside is skipped, whatever its
//                                          own setting (one hint per outermost disabled group)

import { getStepType } from '../catalog';
import type { GroupNode, Problem, StepOrGroup } from '../model';
import { attribute, walkSteps } from '../model';
import { STEP_ROLES } from './data/conventions';
import type { CheckContext } from './index';
import { stepLabelSpan } from './spanHelpers';
import { stepLabel } from './stepSupport';

export function checkDisabledSteps({ document, index }: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const nodes = index.nodes;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node.kind === 'group') {
      if (!node.enabled && !insideDisabledGroup(node)) {
        const count = countSteps(node);
        if (count > 0) {
          problems.push({
            code: 'steps-in-disabled-group',
            severity: 'hint',
            message: `${cap(stepLabel(node))} is disabled: the ${count === 1 ? 'step' : `${count} steps`} inside ${count === 1 ? 'is' : 'are'} skipped, whatever ${count === 1 ? 'its own setting' : 'their own settings'}.`,
            span: stepLabelSpan(node),
          });
        }
      }
    } else if (document.flavor === 'configmgr' && !node.enabled && isRunTaskSequence(node.type, node.isSubTaskSequence)) {
      const disable = attribute(node.element, 'disable');
      const childName = node.variables.find((v) => /TsName$/i.test(v.property ?? ''))?.value.trim();
      problems.push({
        code: 'disabled-child-task-sequence',
        severity: 'warning',
        message: `${cap(stepLabel(node))} runs a child task sequence${childName ? ` (${childName})` : ''} and is disabled. Microsoft documents that a disabled child task sequence fails the deployment, even with Continue on error. Remove the step rather than disabling it, or enable it.`,
        span: disable?.valueSpan ?? stepLabelSpan(node),
      });
    }
  }
  return problems;
}

function isRunTaskSequence(type: string | undefined, isSubTaskSequence: boolean): boolean {
  if (isSubTaskSequence) {
    return true;
  }
  return type !== undefined && getStepType(type)?.className === STEP_ROLES.runTaskSequence;
}

function insideDisabledGroup(node: StepOrGroup): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (!parent.enabled) {
      return true;
    }
  }
  return false;
}

function countSteps(group: GroupNode): number {
  let count = 0;
  for (const node of walkSteps(group.steps)) {
    if (node.kind === 'step') {
      count++;
    }
  }
  return count;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
