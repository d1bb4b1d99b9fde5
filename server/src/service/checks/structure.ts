// Structure: what LoadFromXml expects of elements and attributes, read from the catalog's element
// table. Unknown names are warnings (the provider's treatment of them is not documented, and newer
// consoles add attributes); a step or group in a place that cannot hold one is an error.

import { allElements, attributesOf, getElement, suggestNearest } from '../catalog';
import type { AttributeInfo, ElementInfo } from '../catalog/types';
import type { Problem, XmlElement } from '../model';
import { attributeValue } from '../model';
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
    const rules = rulesFor(element.name);
    if (!rules) {
      problems.push(unknownElement(element));
      continue;
    }
    if (element !== sequence.element) {
      checkParent(element, rules.info, problems);
    }
    checkAttributes(element, rules, problems);
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

function checkAttributes(element: XmlElement, rules: ElementRules, problems: Problem[]): void {
  // By index: an attribute object is made only for one that is reported.
  const count = element.attributeCount;
  for (let i = 0; i < count; i++) {
    const name = element.attributeName(i);
    if (rules.attributes.has(name) || name.startsWith('xmlns')) {
      continue;
    }
    const suggestions = suggestNearest(
      rules.info.attributes.map((a) => a.name),
      name,
    );
    const hint = suggestions.length ? ` Did you mean "${suggestions[0]}"?` : '';
    problems.push({
      code: 'unknown-attribute',
      severity: 'warning',
      message: `<${element.name}> has no attribute "${name}".${hint}`,
      span: element.attributeAt(i).nameSpan,
      data: suggestions.length ? { replacements: suggestions } : undefined,
    });
  }
  for (let i = 0; i < rules.required.length; i++) {
    const expected = rules.required[i];
    if (attributeValue(element, expected.name) === undefined) {
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

/** What the check asks of an element kind, prepared once per kind: the check visits every element. */
interface ElementRules {
  readonly info: ElementInfo;
  /** The attributes the element can have, by name. */
  readonly attributes: ReadonlyMap<string, AttributeInfo>;
  /** The required attributes this family reports. */
  readonly required: readonly AttributeInfo[];
}

/** By element name; only names the catalog knows are kept, so that made-up names cannot pile up. */
const rulesByName = new Map<string, ElementRules>();

function rulesFor(name: string): ElementRules | undefined {
  let rules = rulesByName.get(name);
  if (!rules) {
    const info = getElement(name);
    if (!info) {
      return undefined;
    }
    rules = buildRules(info);
    rulesByName.set(name, rules);
  }
  return rules;
}

/** Kept apart from rulesFor, which runs for every element: its closure over `info` would cost each call an allocation. */
function buildRules(info: ElementInfo): ElementRules {
  return {
    info,
    attributes: attributesOf(info),
    required: info.attributes.filter((a) => a.required && !REPORTED_ELSEWHERE.has(`${info.name}/${a.name}`)),
  };
}
