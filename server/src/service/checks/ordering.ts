// Step order heuristics (domain notes §7 #23): sequences that pass every provider check but cannot
// work because a step runs before what it depends on. Only steps that run at all (not disabled,
// not inside a disabled group) take part, in document order, which is the order the engine runs
// them in. Each rule stays silent unless both ends of the dependency are in the sequence, so a
// partial sequence (a child task sequence, a template) raises nothing.
//
// Codes (all warnings):
//   setup-windows-before-apply-os  Setup Windows and ConfigMgr before Apply Operating System Image (ConfigMgr)
//   mdt-step-before-use-package    an MDT step before Use Toolkit Package in a ConfigMgr sequence
//   state-store-order              Capture/Restore User State before Request State Store, or
//                                  Release State Store before the capture/restore it should follow
//   restart-before-os-applied      Restart Computer to the installed OS right after Format and
//                                  Partition Disk, before any image is applied: there is no OS to start

import { getStepType } from '../catalog';
import type { Problem, RelatedLocation, StepNode } from '../model';
import { isEffectivelyEnabled } from '../model';
import { STEP_ROLES } from './data/conventions';
import type { CheckContext } from './index';
import { isConditional, stepLabelSpan } from './spanHelpers';
import { stepLabel } from './stepSupport';

export function checkOrdering({ document, index }: CheckContext): Problem[] {
  const steps = index.steps.filter(isEffectivelyEnabled);
  const problems: Problem[] = [];
  if (document.flavor === 'configmgr') {
    setupWindowsOrder(steps, problems);
    usePackageOrder(steps, problems);
  }
  stateStoreOrder(steps, problems);
  restartOrder(steps, problems);
  return problems.sort((a, b) => a.span.start - b.span.start);
}

function setupWindowsOrder(steps: readonly StepNode[], problems: Problem[]): void {
  let applied = false;
  steps.forEach((step, index) => {
    if (step.type === STEP_ROLES.applyOperatingSystemImage) {
      applied = true;
    } else if (step.type === STEP_ROLES.setupWindows && !applied) {
      const apply = findIn(steps, index + 1, steps.length, (s) => s.type === STEP_ROLES.applyOperatingSystemImage);
      if (apply) {
        problems.push({
          code: 'setup-windows-before-apply-os',
          severity: 'warning',
          message: `${cap(stepLabel(step))} (Setup Windows and ConfigMgr) runs before ${stepLabel(apply)} (Apply Operating System Image). Setup Windows and ConfigMgr finishes the installation of the applied image, so it must come after it.`,
          span: stepLabelSpan(step),
          related: [related(apply, 'The Apply Operating System Image step')],
        });
      }
    }
  });
}

function usePackageOrder(steps: readonly StepNode[], problems: Problem[]): void {
  const first = steps.find((s) => s.type !== undefined && s.type !== STEP_ROLES.useToolkitPackage && getStepType(s.type)?.flavor === 'mdt');
  if (!first) {
    return;
  }
  const firstIndex = steps.indexOf(first);
  if (findIn(steps, 0, firstIndex, (s) => s.type === STEP_ROLES.useToolkitPackage)) {
    return;
  }
  const later = findIn(steps, firstIndex + 1, steps.length, (s) => s.type === STEP_ROLES.useToolkitPackage);
  problems.push({
    code: 'mdt-step-before-use-package',
    severity: 'warning',
    message: later
      ? `${cap(stepLabel(first))} is an MDT step, but Use Toolkit Package (${stepLabel(later)}) comes only after it. MDT steps run the toolkit's scripts, so Use Toolkit Package must run first.`
      : `${cap(stepLabel(first))} is an MDT step, but no Use Toolkit Package step runs before it. MDT steps in a ConfigMgr task sequence run the toolkit's scripts, which Use Toolkit Package makes available.`,
    span: stepLabelSpan(first),
    related: later ? [related(later, 'The Use Toolkit Package step')] : undefined,
  });
}

function stateStoreOrder(steps: readonly StepNode[], problems: Problem[]): void {
  const isRequest = (s: StepNode): boolean => s.type === STEP_ROLES.requestStateStore;
  const isRelease = (s: StepNode): boolean => s.type === STEP_ROLES.releaseStateStore;
  const usesStore = (s: StepNode): boolean => (STEP_ROLES.usesStateStore as readonly string[]).includes(s.type ?? '');
  const firstRequest = steps.findIndex(isRequest);
  if (firstRequest < 0) {
    return; // a local state store (hard links, OSDStateStorePath) needs no state migration point
  }
  // Steps before and after each step are searched in place: copying them for every step is quadratic.
  const end = steps.length;
  steps.forEach((step, index) => {
    if (usesStore(step) && firstRequest >= index) {
      const request = findIn(steps, index + 1, end, isRequest);
      if (request) {
        problems.push({
          code: 'state-store-order',
          severity: 'warning',
          message: `${cap(stepLabel(step))} uses the state store, but Request State Store (${stepLabel(request)}) runs only after it. Request the state store first.`,
          span: stepLabelSpan(step),
          related: [related(request, 'The Request State Store step')],
        });
      }
    } else if (isRelease(step)) {
      const requestIndex = lastIndexIn(steps, 0, index, isRequest);
      if (requestIndex < 0) {
        const request = findIn(steps, index + 1, end, isRequest);
        if (request) {
          problems.push({
            code: 'state-store-order',
            severity: 'warning',
            message: `${cap(stepLabel(step))} releases the state store before Request State Store (${stepLabel(request)}) has requested it.`,
            span: stepLabelSpan(step),
            related: [related(request, 'The Request State Store step')],
          });
        }
        return;
      }
      if (findIn(steps, requestIndex + 1, index, usesStore)) {
        return;
      }
      const nextRequest = indexIn(steps, index + 1, end, isRequest);
      const user = findIn(steps, index + 1, nextRequest < 0 ? end : nextRequest, usesStore);
      if (user) {
        problems.push({
          code: 'state-store-order',
          severity: 'warning',
          message: `${cap(stepLabel(step))} releases the state store before ${stepLabel(user)} has used it. Release State Store belongs after Capture User State / Restore User State.`,
          span: stepLabelSpan(step),
          related: [related(user, 'The step that uses the state store')],
        });
      }
    }
  });
}

/**
 * A restart into the installed OS after Format and Partition Disk and before any image is applied:
 * the disk was just wiped, so there is nothing to start. Only unconditional restarts are judged
 * (a condition may well keep the restart from running in Windows PE).
 */
function restartOrder(steps: readonly StepNode[], problems: Problem[]): void {
  const restart = STEP_ROLES.restartComputer;
  let wiped: StepNode | undefined;
  let toWindowsPe: StepNode | undefined;
  for (const step of steps) {
    if (step.type === STEP_ROLES.wipesDisk) {
      wiped = step;
    } else if ((STEP_ROLES.appliesOperatingSystem as readonly string[]).includes(step.type ?? '')) {
      wiped = undefined;
    } else if (step.type === restart.stepType) {
      const target = step.variables.find((v) => v.property === restart.targetProperty);
      const value = target?.value.trim();
      if (value !== undefined && value.toLowerCase() === restart.windowsPe.toLowerCase()) {
        toWindowsPe = isConditional(step) ? undefined : step;
        continue;
      }
      const toInstalledOs = value !== undefined && (restart.installedOs as readonly string[]).some((t) => t.toLowerCase() === value.toLowerCase());
      if (wiped && toInstalledOs && !isConditional(step)) {
        const relatedLocations = [related(wiped, 'The disk is formatted here')];
        if (toWindowsPe) {
          relatedLocations.push(related(toWindowsPe, 'The restart into Windows PE'));
        }
        problems.push({
          code: 'restart-before-os-applied',
          severity: 'warning',
          message: `${cap(stepLabel(step))} restarts into the installed operating system, but ${stepLabel(wiped)} has just formatted the disk and no image has been applied since: there is no operating system to start. Apply the image first, or restart into Windows PE.`,
          span: stepLabelSpan(step),
          related: relatedLocations,
        });
      }
      wiped = undefined;
    }
  }
}

function related(step: StepNode, message: string): RelatedLocation {
  return { span: stepLabelSpan(step), message };
}

/** The index of the first of steps[from, to) that satisfies `predicate`, or -1. */
function indexIn(steps: readonly StepNode[], from: number, to: number, predicate: (step: StepNode) => boolean): number {
  for (let i = from; i < to; i++) {
    if (predicate(steps[i])) {
      return i;
    }
  }
  return -1;
}

/** The first of steps[from, to) that satisfies `predicate`. */
function findIn(steps: readonly StepNode[], from: number, to: number, predicate: (step: StepNode) => boolean): StepNode | undefined {
  const i = indexIn(steps, from, to, predicate);
  return i < 0 ? undefined : steps[i];
}

/** The index of the last of steps[from, to) that satisfies `predicate`, or -1. */
function lastIndexIn(steps: readonly StepNode[], from: number, to: number, predicate: (step: StepNode) => boolean): number {
  for (let i = to - 1; i >= from; i--) {
    if (predicate(steps[i])) {
      return i;
    }
  }
  return -1;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
