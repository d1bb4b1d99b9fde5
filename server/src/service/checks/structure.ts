// Structure: what LoadFromXml expects of elements and attributes, read from the catalog's element
// table. Unknown names are warnings (the provider's treatment of them is not documented, and newer
// consoles add attributes); a step or group in a place that cannot hold one is an error.

import { allElements, getElement, suggestNearest } from '../catalog';
import type { ElementInfo } from '../catalog/types';
import type { Problem, XmlElement } from '../model';
import type { CheckContext } from './index';

/** Elements whose misplacement loses steps: the console could not load them where they are. */
const STEP_ELEMENTS = new Set(['group', 'step', 'subtasksequence']);

/** Condition operands, which only count inside a <condition>. */
const CONDITION_PARTS = new Set(['expression', 'operator', 'osConditionGroup']);

/** Attributes whose absence other check families report with more context. */
const REPORTED_ELSEWHERE = new Set(['step/type', 'subtasksequence/type', 'sequence/version']);

export function checkStructure({ document }: CheckContext): Problem[] {
  const sequence = document.sequence;
  if (!sequence) {
    return [];
  }
  const problems: Problem[] = [];
  const pending: XmlElement[] = [sequence.element];
  for (let element = pending.pop(); element; element = pending.pop()) {
    const info = getElement(element.name);
    if (!info) {
      problems.push(unknownElement(element));
      continue;
    }
    if (element !== sequence.element) {
      checkParent(element, info, problems);
    }
    checkAttributes(element, info, problems);
    for (let i = element.children.length - 1; i >= 0; i--) {
      pending.push(element.children[i]);
    }
  }
  return problems.sort((a, b) => a.span.start - b.span.start);
}

function unknownElement(element: XmlElement): Problem {
  const names = allElements().map((e) => e.name);
  const suggestions = suggestNearest(names, element.name);
  const hint = suggestions.length ? ` Did you mean <${suggestions[0]}>?` : '';
  return {
    code: 'unknown-element',
    severity: 'warning',
    message: `<${element.name}> is not part of the task sequence format; ConfigMgr ignores or rejects it.${hint}`,
    span: element.nameSpan,
    data: suggestions.length ? { replacements: suggestions } : undefined,
  };
}

function checkParent(element: XmlElement, info: ElementInfo, problems: Problem[]): void {
  const parent = element.parent;
  if (!parent || info.parents.includes(parent.name) || !getElement(parent.name)) {
    return;
  }
  const allowed = info.parents.map((p) => `<${p}>`).join(', ');
  const conditionOutsideCondition = CONDITION_PARTS.has(element.name) && STEP_ELEMENTS.has(parent.name);
  problems.push({
    code: 'wrong-parent',
    severity: STEP_ELEMENTS.has(element.name) ? 'error' : 'warning',
    message: conditionOutsideCondition
      ? `<${element.name}> is directly inside <${parent.name}>, not inside its <condition>: it is ignored, so the ${parent.name} runs unconditionally. Wrap it in <condition>.`
      : `<${element.name}> cannot be inside <${parent.name}>; it belongs in ${allowed}.`,
    span: element.nameSpan,
  });
}

function checkAttributes(element: XmlElement, info: ElementInfo, problems: Problem[]): void {
  for (const attribute of element.attributes) {
    if (info.attributes.some((a) => a.name === attribute.name) || attribute.name.startsWith('xmlns')) {
      continue;
    }
    const suggestions = suggestNearest(
      info.attributes.map((a) => a.name),
      attribute.name,
    );
    const hint = suggestions.length ? ` Did you mean "${suggestions[0]}"?` : '';
    problems.push({
      code: 'unknown-attribute',
      severity: 'warning',
      message: `<${element.name}> has no attribute "${attribute.name}".${hint}`,
      span: attribute.nameSpan,
      data: suggestions.length ? { replacements: suggestions } : undefined,
    });
  }
  for (const expected of info.attributes) {
    if (!expected.required || REPORTED_ELSEWHERE.has(`${element.name}/${expected.name}`)) {
      continue;
    }
    if (!element.attributes.some((a) => a.name === expected.name)) {
      problems.push({
        code: 'missing-attribute',
        severity: 'error',
        message: `<${element.name}> needs a "${expected.name}" attribute (${expected.description}).`,
        span: element.nameSpan,
        data: { insertText: ` ${expected.name}=""`, insertAt: element.nameSpan.end },
      });
    }
  }
}
