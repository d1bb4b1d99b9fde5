// The fast path of the tree builder must build exactly what the sax path builds. This compares the
// two on one input and describes the first difference.

import { runChecks } from '../../server/src/service/checks';
import type { Span, TaskSequenceDocument, XmlElement } from '../../server/src/service/model';
import { reparseAfterEdit, type TextEdit } from '../../server/src/service/parser/incremental';
import { parseTaskSequence } from '../../server/src/service/parser/parser';
import { snapshot } from '../support/modelSnapshot';
import type { Prng } from './prng';
import { buildXmlTree, buildXmlTreeWithSax, type TreeOptions, type XmlTree } from '../../server/src/service/parser/xmlTree';

function dumpElement(e: XmlElement): unknown {
  return {
    name: e.name,
    span: e.span,
    startTag: e.startTag,
    nameSpan: e.nameSpan,
    endTag: e.endTag,
    selfClosing: e.selfClosing,
    closed: e.closed,
    text: e.text,
    textSpan: e.textSpan,
    attributes: e.attributes.map((a) => ({ name: a.name, value: a.value, nameSpan: a.nameSpan, valueSpan: a.valueSpan, span: a.span })),
    parent: e.parent?.nameSpan.start,
    children: e.children.map(dumpElement),
  };
}

export function dumpTree(tree: XmlTree): string {
  return JSON.stringify({
    roots: tree.roots.map(dumpElement),
    comments: tree.comments,
    problems: tree.problems,
    strayText: tree.strayText,
    truncated: tree.truncated,
  });
}

/** Everything a parse holds (the model through the tree it is built from), as one string. */
export function dumpParse(parsed: TaskSequenceDocument): string {
  return JSON.stringify({
    text: parsed.text,
    roots: parsed.roots.map(dumpElement),
    comments: parsed.comments,
    problems: parsed.problems,
    container: parsed.container,
    flavor: parsed.flavor,
    truncated: parsed.truncated,
    sequence: parsed.sequence ? snapshot(parsed.sequence) : null,
  });
}

/** Where two dumps first differ, with some context; undefined when they are equal. */
export function firstDifference(actual: string, expected: string): string | undefined {
  if (actual === expected) {
    return undefined;
  }
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) {
    i++;
  }
  return `got: …${actual.slice(Math.max(0, i - 200), i + 200)}…\n expected: …${expected.slice(Math.max(0, i - 200), i + 200)}…`;
}

/** undefined when both paths agree; otherwise where their serialised trees first differ. */
export function compareBuilders(text: string, options: TreeOptions): string | undefined {
  return firstDifference(dumpTree(buildXmlTree(text, undefined, options)), dumpTree(buildXmlTreeWithSax(text, undefined, options)));
}

export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

export interface EditOutcome {
  /** The parse to go on from: the updated one, or a full parse when the update declined. */
  readonly next: TaskSequenceDocument;
  readonly incremental: boolean;
  /** How the updated parse (or its problems) differs from a full parse of the edited text. */
  readonly difference?: string;
}

/** Updates `previous` for `edit` (in place, as the server does) and compares the result with a full parse. */
export function editAndCompare(previous: TaskSequenceDocument, edit: TextEdit): EditOutcome {
  const text = applyEdit(previous.text, edit);
  const full = parseTaskSequence(text);
  const updated = reparseAfterEdit(previous, text, edit);
  if (!updated) {
    return { next: full, incremental: false };
  }
  const difference =
    firstDifference(dumpParse(updated), dumpParse(full)) ?? firstDifference(JSON.stringify(runChecks(updated)), JSON.stringify(runChecks(full)));
  return { next: updated, incremental: true, difference };
}

/** Attribute values and the content of leaf elements: where typing usually happens. */
function editableSpans(parsed: TaskSequenceDocument): Span[] {
  const spans: Span[] = [];
  const pending: XmlElement[] = [...parsed.roots];
  for (let element = pending.pop(); element; element = pending.pop()) {
    for (const attribute of element.attributes) {
      spans.push(attribute.valueSpan);
    }
    const end = element.endTag?.start;
    if (element.children.length === 0 && end !== undefined) {
      spans.push({ start: element.startTag.end, end });
    }
    for (const child of element.children) {
      pending.push(child);
    }
  }
  return spans;
}

const PIECES = ['a', 'Z', '7', ' ', '\n', '\t', 'é', '<', '>', '&', '"', "'", ';', '/', '=', '&amp;', '&#65;', '&#x42;', '&bogus;', '&lt', ']]>', '<!-- c -->', '%OSDComputerName%'];

/** Mostly typing inside a value or a leaf's text (at its ends too, and across its closing quote or tag); sometimes anywhere. */
export function randomEdit(parsed: TaskSequenceDocument, rng: Prng): TextEdit {
  const text = parsed.text;
  const inserted = (): string => Array.from({ length: rng.range(0, 3) }, () => rng.pick(PIECES)).join('');
  const spans = editableSpans(parsed);
  if (spans.length === 0 || rng.chance(0.1)) {
    const start = rng.int(text.length + 1);
    return { start, end: Math.min(text.length, start + rng.range(0, 6)), text: inserted() };
  }
  const span = rng.pick(spans);
  const start = rng.range(span.start, span.end);
  switch (rng.int(4)) {
    case 0:
      return { start, end: start, text: inserted() || 'x' };
    case 1:
      return { start, end: rng.range(start, span.end), text: '' };
    case 2:
      return { start, end: Math.min(text.length, span.end + rng.range(1, 3)), text: inserted() };
    default:
      return { start, end: rng.range(start, span.end), text: inserted() };
  }
}
