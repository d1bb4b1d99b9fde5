// The last stage of runChecks: what the admin asked not to see. Two mechanisms:
//
// 1. Suppression comments in the task sequence XML (codes are the diagnostic codes, separated by
//    commas and/or spaces; no code means every code):
//
//      <!-- tasksequence-disable code1, code2 -->
//          anywhere in the file (by convention at the top): those codes are not reported anywhere in
//          the file. Without codes nothing is reported for the file.
//
//      <!-- tasksequence-disable-next-step code1, code2 -->
//          right before an element (a <step>, <group> or <subtasksequence>; only white space or other
//          comments may come between): problems with those codes whose range lies inside that
//          element (its start tag, condition, action, variables, and for a group every step in it)
//          are not reported. Without codes, no problem inside the element is reported.
//
//    ConfigMgr keeps no comments: the console drops them on import, so they live only in files
//    kept under source control.
//
// 2. Severity overrides from the settings (`taskSequence.validate.severity` in VS Code, `--severity
//    CODE=LEVEL` in the CLI): a code mapped to error, warning, information or hint is reported
//    with that severity, a code mapped to `off` is not reported.

import type { Problem, Span, TaskSequenceDocument, XmlComment, XmlElement } from '../model';
import type { SeverityOverride } from '../settings';
import { elementTrees } from '../util/elements';

export const DISABLE_FILE_DIRECTIVE = 'tasksequence-disable';
export const DISABLE_NEXT_STEP_DIRECTIVE = 'tasksequence-disable-next-step';

/** A parsed suppression comment. `codes` undefined means every code. */
export interface Suppression {
  readonly scope: 'file' | 'element';
  readonly codes: ReadonlySet<string> | undefined;
  readonly comment: XmlComment;
  /** For `element` suppressions: the span of the element that follows the comment, if any. */
  readonly target: Span | undefined;
}

const DIRECTIVE = /^\s*(tasksequence-disable(?:-next-step)?)(?=\s|$)([\s\S]*)$/;

/** Every suppression comment of the document, with the element each next-step comment targets. */
export function findSuppressions(document: TaskSequenceDocument): Suppression[] {
  const suppressions: Suppression[] = [];
  let elements: XmlElement[] | undefined;
  for (const comment of document.comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) {
      continue;
    }
    const codeList = match[2]
      .split(/[\s,]+/)
      .map((c) => c.trim())
      .filter((c) => c !== '');
    const codes = codeList.length > 0 ? new Set(codeList) : undefined;
    if (match[1] === DISABLE_FILE_DIRECTIVE) {
      suppressions.push({ scope: 'file', codes, comment, target: undefined });
    } else {
      elements ??= elementsInOrder(document);
      suppressions.push({ scope: 'element', codes, comment, target: nextElement(document.text, elements, comment)?.span });
    }
  }
  return suppressions;
}

/** Drops the problems a suppression comment covers. */
export function applySuppressions(document: TaskSequenceDocument, problems: readonly Problem[]): Problem[] {
  if (document.comments.length === 0) {
    return [...problems];
  }
  const suppressions = findSuppressions(document);
  if (suppressions.length === 0) {
    return [...problems];
  }
  return problems.filter((problem) => !suppressions.some((s) => covers(s, problem)));
}

function covers(suppression: Suppression, problem: Problem): boolean {
  if (suppression.codes && !suppression.codes.has(problem.code)) {
    return false;
  }
  if (suppression.scope === 'file') {
    return true;
  }
  const target = suppression.target;
  return target !== undefined && target.start <= problem.span.start && problem.span.end <= target.end;
}

/** Applies per-code severity overrides; `off` removes the problem. */
export function applySeverityOverrides(
  problems: readonly Problem[],
  overrides: Readonly<Record<string, SeverityOverride>> | undefined,
): Problem[] {
  if (!overrides || Object.keys(overrides).length === 0) {
    return [...problems];
  }
  const result: Problem[] = [];
  for (const problem of problems) {
    const override = Object.prototype.hasOwnProperty.call(overrides, problem.code) ? overrides[problem.code] : undefined;
    if (override === 'off') {
      continue;
    }
    result.push(override && override !== problem.severity ? { ...problem, severity: override } : problem);
  }
  return result;
}

/** Every element of the document's trees (outer and embedded), ordered by start offset. */
function elementsInOrder(document: TaskSequenceDocument): XmlElement[] {
  const all: XmlElement[] = [];
  for (const roots of elementTrees(document)) {
    const pending = [...roots].reverse();
    for (let element = pending.pop(); element; element = pending.pop()) {
      all.push(element);
      for (let i = element.children.length - 1; i >= 0; i--) {
        pending.push(element.children[i]);
      }
    }
  }
  return all.sort((a, b) => a.startTag.start - b.startTag.start);
}

/** The first element starting after the comment, when only white space and comments lie between. */
function nextElement(text: string, elements: readonly XmlElement[], comment: XmlComment): XmlElement | undefined {
  let lo = 0;
  let hi = elements.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (elements[mid].startTag.start < comment.span.end) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  const element = elements[lo];
  if (!element) {
    return undefined;
  }
  const between = text
    .slice(comment.span.end, element.startTag.start)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/&lt;!--[\s\S]*?--&gt;/g, '');
  return between.trim() === '' ? element : undefined;
}
