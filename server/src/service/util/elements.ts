// Finding elements of the parsed tree by offset. The sequence of a wrapped export (a CDATA or
// escaped property value) lives in its own tree whose spans point into the outer document, so
// both trees are searched.

import type { StepOrGroup, TaskSequenceDocument, XmlElement } from '../model';
import { walkSteps } from '../model';

/** The element trees of a document: the outer one, and the inner one of an embedded sequence. */
export function elementTrees(parsed: TaskSequenceDocument): XmlElement[][] {
  const sequenceRoot = parsed.sequence ? topmost(parsed.sequence.element) : undefined;
  if (sequenceRoot && !parsed.roots.includes(sequenceRoot)) {
    return [[sequenceRoot], parsed.roots];
  }
  return [parsed.roots];
}

export function topmost(element: XmlElement): XmlElement {
  let e = element;
  while (e.parent) {
    e = e.parent;
  }
  return e;
}

/** True when the sequence is parsed from text embedded in another element (CDATA or escaped). */
export function isEmbedded(parsed: TaskSequenceDocument): boolean {
  return parsed.container === 'cimInstance' || parsed.container === 'escapedText' || (parsed.sequence !== undefined && !parsed.roots.includes(topmost(parsed.sequence.element)));
}

/**
 * The innermost element whose content holds `offset` (between its start tag and its end tag).
 * An element left unclosed owns everything up to its parent's end, which is where a sax-style
 * parser would have kept adding children to it.
 */
export function enclosingElement(parsed: TaskSequenceDocument, offset: number): XmlElement | undefined {
  for (const roots of elementTrees(parsed)) {
    const found = descend(parsed.text, roots, offset, Number.MAX_SAFE_INTEGER);
    if (found) {
      return found;
    }
  }
  return undefined;
}

function descend(text: string, elements: readonly XmlElement[], offset: number, parentContentEnd: number): XmlElement | undefined {
  // Siblings are in document order: only the last one starting before the cursor can hold it.
  for (let i = elements.length - 1; i >= 0; i--) {
    const element = elements[i];
    if (element.startTag.start >= offset) {
      continue;
    }
    if (element.selfClosing || element.startTag.end > offset) {
      return undefined;
    }
    const end = contentEnd(text, element, parentContentEnd);
    return offset <= end ? (descend(text, element.children, offset, end) ?? element) : undefined;
  }
  return undefined;
}

function contentEnd(text: string, element: XmlElement, parentContentEnd: number): number {
  if (element.endTag) {
    return element.endTag.start;
  }
  if (element.closed) {
    return element.span.end;
  }
  // A start tag that never got its ">" has no content yet.
  return text.charAt(element.startTag.end - 1) === '>' ? parentContentEnd : element.startTag.end;
}

/** The innermost element whose whole span (tags included) touches `offset`. */
export function elementAt(parsed: TaskSequenceDocument, offset: number): XmlElement | undefined {
  for (const roots of elementTrees(parsed)) {
    const found = deepest(roots, offset);
    if (found) {
      return found;
    }
  }
  return undefined;
}

function deepest(elements: readonly XmlElement[], offset: number): XmlElement | undefined {
  // From the last: at `</a>|<b>` the cursor belongs to <b>.
  for (let i = elements.length - 1; i >= 0; i--) {
    const element = elements[i];
    if (element.span.start <= offset && offset <= element.span.end) {
      return deepest(element.children, offset) ?? element;
    }
  }
  return undefined;
}

/** The element and its ancestors, innermost first. */
export function ancestry(element: XmlElement | undefined): XmlElement[] {
  const chain: XmlElement[] = [];
  for (let e = element; e; e = e.parent) {
    chain.push(e);
  }
  return chain;
}

/** The nearest element of the chain with one of the names. */
export function closest(element: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  for (let e = element; e; e = e.parent) {
    if (names.includes(e.name)) {
      return e;
    }
  }
  return undefined;
}

/** The step or group node built from an element, if any. */
export function stepForElement(parsed: TaskSequenceDocument, element: XmlElement | undefined): StepOrGroup | undefined {
  if (!element || !parsed.sequence) {
    return undefined;
  }
  for (const node of walkSteps(parsed.sequence.steps)) {
    if (node.element === element) {
      return node;
    }
  }
  return undefined;
}
