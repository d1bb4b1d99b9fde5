// References: `<referenceList>` lists the packages and applications the sequence uses
// (SMS_TaskSequence_Reference). The console will not save a sequence whose references do not
// resolve, and content is downloaded from this list. Exports leave out what only disabled steps
// use, so only enabled steps must be covered.
//
// Codes:
//   missing-reference        warning      an enabled step uses a package or application the referenceList lacks
//   unused-reference         information  a reference no step uses
//   duplicate-reference      information  the same package or application listed twice
//   invalid-package-id       warning      a package ID that is not three site-code characters and five hex digits
//   invalid-application-id   warning      an application reference that is not ScopeId_…/Application_…

import { getElement } from '../catalog';
import type { Problem, ReferenceNode, Span, StepNode, TaskSequenceDocument, XmlElement } from '../model';
import { attribute, isEffectivelyEnabled } from '../model';
import type { DocumentIndex } from './documentIndex';
import type { CheckContext } from './index';
import { appendPoint, encodeForDocument, escapeXml, isConfigMgr, isMdtScriptAction, stepLabel, textSubSpan } from './stepSupport';
import { isRuntimeValue } from './stepProperties';

function referencePattern(name: 'package' | 'application', fallback: RegExp): RegExp {
  const pattern = getElement('reference')?.attributes.find((a) => a.name === name)?.pattern;
  try {
    return pattern ? new RegExp(pattern) : fallback;
  } catch {
    return fallback;
  }
}

const PACKAGE_ID = referencePattern('package', /^[A-Z0-9]{3}[0-9A-F]{5}$/);
const APPLICATION_ID = referencePattern('application', /^ScopeId_[0-9A-Fa-f-]+\/Application_[0-9a-fA-F-]+$/);

/** The same shapes, unanchored, to find every ID a text mentions. */
function unanchored(pattern: RegExp): RegExp {
  return new RegExp(`(?<![A-Za-z0-9_])(?:${pattern.source.replace(/^\^/, '').replace(/\$$/, '')})(?![A-Za-z0-9_])`, 'g');
}
const ANY_PACKAGE_ID = unanchored(PACKAGE_ID);
const ANY_APPLICATION_ID = unanchored(APPLICATION_ID);

/** A package ID of the documented shape (site code and five hex digits). */
export function isPackageId(value: string): boolean {
  return PACKAGE_ID.test(value);
}

/** Package IDs in the command line of the ConfigMgr program runner (smsswd.exe /run:ID, /pkg:ID). */
const RUNNER_PACKAGE = /^\s*"?smsswd(?:\.exe)?"?\s+\/(?:run|pkg):(\S+)/i;

interface Use {
  readonly id: string;
  readonly kind: 'package' | 'application';
  readonly step: StepNode;
  readonly span: Span;
  /** Run Task Sequence: the child's package is referenced with program="*". */
  readonly program?: string;
}

export function checkReferences({ document, index }: CheckContext): Problem[] {
  const sequence = document.sequence;
  if (!sequence) {
    return [];
  }
  const configMgr = isConfigMgr(document);
  if (!configMgr && !sequence.referenceList) {
    return [];
  }
  const problems: Problem[] = [];
  const uses: Use[] = [];
  // Mentions only matter for the references a referenceList lists; gathered in the same pass over
  // the steps as the uses, which read the same values.
  const mentioned = sequence.referenceList ? new Set<string>() : undefined;
  const steps = index.steps;
  for (let i = 0; i < steps.length; i++) {
    const node = steps[i];
    collectUses(document, index, node, uses, problems);
    if (mentioned) {
      collectMentions(node, mentioned);
    }
  }
  checkReferenceList(sequence.references, problems);
  if (!sequence.referenceList || !mentioned) {
    return problems;
  }
  for (const binding of sequence.globalVariables) {
    mentionsIn(binding.value, mentioned);
  }
  const listed = new Set(sequence.references.map(referenceKey).filter((k): k is string => k !== undefined));
  // One report per missing ID, on its first use by an enabled step; the other uses are related.
  const missing = new Map<string, Use[]>();
  for (const use of uses) {
    const key = `${use.kind}:${use.id.toLowerCase()}`;
    if (listed.has(key) || !isEffectivelyEnabled(use.step)) {
      continue;
    }
    const list = missing.get(key) ?? [];
    // A step names an application both in its list and in its AppInfo item: count the step once.
    if (!list.some((u) => u.step === use.step)) {
      list.push(use);
    }
    missing.set(key, list);
  }
  for (const list of missing.values()) {
    problems.push(missingReference(document, sequence.referenceList, list));
  }
  for (const reference of sequence.references) {
    const key = referenceKey(reference);
    if (key === undefined || !isWellFormed(reference)) {
      continue;
    }
    const id = key.slice(key.indexOf(':') + 1);
    if (!mentioned.has(id)) {
      const value = attribute(reference.element, reference.package !== undefined ? 'package' : 'application');
      problems.push({
        code: 'unused-reference',
        severity: 'information',
        message: `No step uses ${reference.package !== undefined ? `package ${reference.package}` : `application ${reference.application}`}; the reference only makes the sequence depend on content it never runs. Remove it.`,
        span: value?.valueSpan ?? reference.element.nameSpan,
        data: { deleteSpan: reference.element.span },
      });
    }
  }
  return problems;
}

/** A reference whose ID has the right shape (a malformed one is reported as such, not as unused). */
function isWellFormed(reference: ReferenceNode): boolean {
  return reference.package !== undefined ? PACKAGE_ID.test(reference.package) : reference.application !== undefined && APPLICATION_ID.test(reference.application);
}

function referenceKey(reference: ReferenceNode): string | undefined {
  if (reference.package !== undefined && reference.package.trim() !== '') {
    return `package:${reference.package.trim().toLowerCase()}`;
  }
  if (reference.application !== undefined && reference.application.trim() !== '') {
    return `application:${reference.application.trim().toLowerCase()}`;
  }
  return undefined;
}

/** Every ID any text of the step mentions (lower case): what keeps a reference "used". */
function collectMentions(step: StepNode, mentioned: Set<string>): void {
  mentionsIn(step.action?.text ?? '', mentioned);
  const variables = step.variables;
  for (let i = 0; i < variables.length; i++) {
    mentionsIn(variables[i].value, mentioned);
  }
}

function mentionsIn(text: string, mentioned: Set<string>): void {
  addMatches(ANY_PACKAGE_ID, text, mentioned);
  addMatches(ANY_APPLICATION_ID, text, mentioned);
}

/** Every match of a global pattern, lower-cased (an exec loop: matchAll copies the pattern on every call). */
function addMatches(pattern: RegExp, text: string, into: Set<string>): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[0] === '') {
      pattern.lastIndex++; // as matchAll does, so that an empty match cannot stall the loop
      continue;
    }
    into.add(m[0].toLowerCase());
  }
}

/** The packages and applications a step needs: package-ID properties, application lists, the program runner. */
function collectUses(document: TaskSequenceDocument, index: DocumentIndex, step: StepNode, uses: Use[], problems: Problem[]): void {
  const type = index.stepType(step);
  const properties = index.bindingProperties(step);
  let ids: Set<string> | undefined; // made for the first package ID: most steps have none
  for (let i = 0; i < step.variables.length; i++) {
    const binding = step.variables[i];
    const property = properties[i];
    const value = binding.value.trim();
    if (value === '' || isRuntimeValue(value)) {
      continue;
    }
    if (property?.type === 'packageId') {
      const offset = binding.value.indexOf(value);
      const span = textSubSpan(document, binding.element, offset, offset + value.length);
      if (!PACKAGE_ID.test(value)) {
        problems.push(invalidPackageId(value, span, `${binding.name} of step ${stepLabel(step)}`));
        continue;
      }
      (ids ??= new Set()).add(value.toLowerCase());
      uses.push({ id: value, kind: 'package', step, span, program: type?.element === 'subtasksequence' ? '*' : undefined });
      continue;
    }
    // Application lists (Install Application, a child sequence's applications): comma-separated model names.
    const items = applicationList(binding.value);
    if (items) {
      applicationUses(document, step, binding.element, items, uses);
    }
  }
  // The program runner's package, when no property carries it (MDT steps under ConfigMgr run the toolkit package).
  const action = step.action;
  const runner = action ? RUNNER_PACKAGE.exec(action.text) : null;
  if (action && runner && !ids?.has(runner[1].toLowerCase()) && (isMdtScriptAction(action.text) || !type)) {
    const id = runner[1];
    const start = runner.index + runner[0].length - id.length;
    const span = textSubSpan(document, action, start, start + id.length);
    if (!PACKAGE_ID.test(id)) {
      if (!isRuntimeValue(id)) {
        problems.push(invalidPackageId(id, span, `the action of step ${stepLabel(step)}`));
      }
      return;
    }
    uses.push({ id, kind: 'package', step, span });
  }
}

function applicationUses(document: TaskSequenceDocument, step: StepNode, element: XmlElement, items: readonly string[], uses: Use[]): void {
  let offset = 0;
  for (const item of items) {
    const id = item.trim();
    const start = offset + item.indexOf(id);
    uses.push({ id, kind: 'application', step, span: textSubSpan(document, element, start, start + id.length) });
    offset += item.length + 1;
  }
}

/** The items of a comma-separated list of application model names, or undefined when the value is not one. */
function applicationList(value: string): string[] | undefined {
  // Most values are not: their first item says so without splitting the whole value.
  const comma = value.indexOf(',');
  if (!APPLICATION_ID.test((comma < 0 ? value : value.slice(0, comma)).trim())) {
    return undefined;
  }
  const items = value.split(',');
  return items.every((item) => APPLICATION_ID.test(item.trim())) ? items : undefined;
}

function invalidPackageId(value: string, span: Span, where: string): Problem {
  const upper = value.toUpperCase();
  const fixable = upper !== value && PACKAGE_ID.test(upper);
  return {
    code: 'invalid-package-id',
    severity: 'warning',
    message: `"${value}" (${where}) is not a package ID: a package ID is the three-character site code followed by five hexadecimal digits, such as ABC00012.${fixable ? ` Write it in capitals: ${upper}.` : ''}`,
    span,
    data: fixable ? { replacements: [upper] } : undefined,
  };
}

function checkReferenceList(references: readonly ReferenceNode[], problems: Problem[]): void {
  const seen = new Map<string, ReferenceNode>();
  for (const reference of references) {
    const packageAttribute = attribute(reference.element, 'package');
    const applicationAttribute = attribute(reference.element, 'application');
    if (packageAttribute && packageAttribute.value.trim() !== '' && !PACKAGE_ID.test(packageAttribute.value)) {
      problems.push(invalidPackageId(packageAttribute.value, packageAttribute.valueSpan, 'a <reference>'));
      continue;
    }
    if (applicationAttribute && applicationAttribute.value.trim() !== '' && !APPLICATION_ID.test(applicationAttribute.value)) {
      problems.push({
        code: 'invalid-application-id',
        severity: 'warning',
        message: `"${applicationAttribute.value}" is not an application reference: it should be the application's model name, ScopeId_<site GUID>/Application_<GUID>.`,
        span: applicationAttribute.valueSpan,
      });
      continue;
    }
    const key = referenceKey(reference);
    if (key === undefined) {
      continue;
    }
    const first = seen.get(key);
    if (first) {
      problems.push({
        code: 'duplicate-reference',
        severity: 'information',
        message: `${reference.package !== undefined ? `Package ${reference.package}` : `Application ${reference.application}`} is referenced twice; one reference is enough.`,
        span: (packageAttribute ?? applicationAttribute)?.valueSpan ?? reference.element.nameSpan,
        related: [{ span: first.element.span, message: 'first reference' }],
        data: { deleteSpan: reference.element.span },
      });
      continue;
    }
    seen.set(key, reference);
  }
}

function missingReference(document: TaskSequenceDocument, list: XmlElement, uses: readonly Use[]): Problem {
  const [use, ...others] = uses;
  const what = use.kind === 'package' ? `package ${use.id}` : `application ${use.id}`;
  const point = appendPoint(document, list);
  const markup =
    use.kind === 'package'
      ? `<reference package="${escapeXml(use.id, true)}"${use.program !== undefined ? ` program="${escapeXml(use.program, true)}"` : ''}/>`
      : `<reference application="${escapeXml(use.id, true)}"/>`;
  const alsoUsed = others.length > 0 ? ` (${others.length} other step${others.length > 1 ? 's use' : ' uses'} it too)` : '';
  return {
    code: 'missing-reference',
    severity: 'warning',
    message: `Step ${stepLabel(use.step)} uses ${what}${alsoUsed}, but the referenceList does not list it: the console cannot resolve the reference and the content is not downloaded. Add a reference.`,
    span: use.span,
    related: [{ span: list.nameSpan, message: 'referenceList' }, ...others.slice(0, 20).map((u) => ({ span: u.span, message: `also used by step ${stepLabel(u.step)}` }))],
    data: point ? { insertText: point.prefix + encodeForDocument(document, markup) + point.suffix, insertAt: point.at } : undefined,
  };
}
