// Re-parsing after a keystroke. Most typing happens inside an attribute value (a step's name, a
// condition's value) or the text of a leaf element (a variable's value, a command line); such an
// edit changes one string of the tree and moves the offsets after it, nothing else. On a 2 MB
// document that is a walk over the tree instead of a full parse that builds (and later collects)
// some ten megabytes of new nodes. Any other edit, or one that brings in markup or a reference the
// fast tree builder would not read itself, gets a full parse: the result is always the tree a full
// parse of the new text builds.

import type { TaskSequenceDocument } from '../model';
import { buildSequence } from './modelBuilder';
import { decodeXmlText } from './offsetMap';
import { detectFlavor, type ParseOptions } from './parser';
import { XmlElementNode } from './xmlNodes';
import { decodeRange, isWhitespace } from './xmlTree';

/** One change of the text: `[start, end)` of the previous text replaced with `text`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Where an edit falls: inside the value of the element's attribute number `attribute`, or (without one) inside the content of the leaf `element`. */
interface EditTarget {
  readonly element: XmlElementNode;
  readonly attribute?: number;
}

/**
 * The parse of `text`, which is `previous.text` with `edit` applied, when the edit stays inside one
 * attribute value or the content of one leaf element; undefined when a full parse is needed.
 * It takes `previous` over: its tree is updated in place, so `previous` must not be used afterwards.
 */
export function reparseAfterEdit(previous: TaskSequenceDocument, text: string, edit: TextEdit, options: ParseOptions = {}): TaskSequenceDocument | undefined {
  const delta = edit.text.length - (edit.end - edit.start);
  const sequence = previous.sequence;
  if (
    !sequence ||
    previous.container !== 'plain' ||
    previous.truncated ||
    previous.problems.length > 0 ||
    text.length !== previous.text.length + delta ||
    !previous.roots.every((r) => r instanceof XmlElementNode)
  ) {
    return undefined;
  }
  const target = findTarget(previous.roots as readonly XmlElementNode[], edit);
  const applied = target && applyToTarget(target, previous.text, edit);
  if (!applied) {
    return undefined;
  }
  target.element.shiftRestOfTree(edit.end, delta, target.attribute);
  const rebuilt = buildSequence(sequence.element);
  return {
    ...previous,
    text,
    comments: previous.comments.map((c) => (c.span.start >= edit.end ? { text: c.text, span: { start: c.span.start + delta, end: c.span.end + delta } } : c)),
    sequence: rebuilt,
    flavor: options.flavor ?? detectFlavor(rebuilt),
  };
}

/** The innermost element holding the edit, and the attribute value or leaf content the edit lies in. */
function findTarget(roots: readonly XmlElementNode[], edit: TextEdit): EditTarget | undefined {
  let element = childHolding(roots, edit);
  while (element) {
    if (edit.start < element.startTag.end) {
      const attribute = element.attributes.findIndex((a) => within(edit, a.valueSpan));
      return attribute >= 0 ? { element, attribute } : undefined;
    }
    const content = element.contentSpan;
    if (element.children.length === 0) {
      return content && within(edit, content) ? { element } : undefined;
    }
    element = childHolding(element.children, edit);
  }
  return undefined;
}

/** The one of `elements` (in document order) whose span holds the edit; a binary search, for groups of thousands of steps. */
function childHolding(elements: readonly XmlElementNode[], edit: TextEdit): XmlElementNode | undefined {
  let low = 0;
  let high = elements.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const span = elements[middle].span;
    if (edit.end <= span.start) {
      high = middle - 1;
    } else if (edit.start >= span.end) {
      low = middle + 1;
    } else {
      return span.start <= edit.start && edit.end <= span.end ? elements[middle] : undefined;
    }
  }
  return undefined;
}

function within(edit: TextEdit, span: { readonly start: number; readonly end: number }): boolean {
  return span.start <= edit.start && edit.end <= span.end;
}

/**
 * Reads the edited value or content as the fast tree builder reads it, and stores it; false
 * (nothing changed) when the builder would not read it that simply: markup, the value's own quote,
 * or a reference it leaves to sax. The new raw text is spliced from the previous text: reading the
 * new text itself would first copy all of it into one flat string.
 */
function applyToTarget(target: EditTarget, previousText: string, edit: TextEdit): boolean {
  const delta = edit.text.length - (edit.end - edit.start);
  const span = target.attribute === undefined ? target.element.contentSpan : target.element.attributeAt(target.attribute).valueSpan;
  if (!span) {
    return false;
  }
  const raw = previousText.slice(span.start, edit.start) + edit.text + previousText.slice(edit.end, span.end);
  if (raw.includes('<')) {
    return false;
  }
  if (target.attribute !== undefined) {
    if (raw.includes(previousText[span.start - 1]) || (raw.includes('&') && decodeRange(raw, 0, raw.length) === undefined)) {
      return false;
    }
    target.element.editAttributeValue(target.attribute, decodeXmlText(raw), delta);
    return true;
  }
  const decoded = decodeRange(raw, 0, raw.length);
  if (decoded === undefined) {
    return false;
  }
  target.element.editLeafText(decoded, isWhitespace(decoded), delta);
  return true;
}
