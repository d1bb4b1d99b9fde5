// Small helpers the condition, variable, ordering and disabled-step checks share: the narrowest
// span of a value, a step's label for messages, and the questions "does this step run at all".

import type { Span, StepOrGroup, XmlElement } from '../model';
import { attribute } from '../model';

/** The span of an attribute's value, when the attribute is there. */
export function attributeValueSpan(element: XmlElement, name: string): Span | undefined {
  return attribute(element, name)?.valueSpan;
}

/**
 * The characters of an element's text value without surrounding white space: what a quick fix
 * replaces. Falls back to the whole text span when the text is written with entities, and to the
 * `name` attribute's value (or the element name) when the element has no text.
 */
export function textValueSpan(text: string, element: XmlElement): Span {
  const span = element.textSpan;
  if (span && element.text.trim() !== '') {
    const raw = text.slice(span.start, span.end);
    if (raw === element.text) {
      const leading = raw.length - raw.trimStart().length;
      const trailing = raw.length - raw.trimEnd().length;
      return { start: span.start + leading, end: span.end - trailing };
    }
    return span;
  }
  return attributeValueSpan(element, 'name') ?? element.nameSpan;
}

/** The place that names a step in the editor: its `name` value, else its element name. */
export function stepLabelSpan(node: StepOrGroup): Span {
  const name = attribute(node.element, 'name');
  return name && name.value !== '' ? name.valueSpan : node.element.nameSpan;
}


/**
 * The span that removes an element cleanly: with the indentation before it and the line break
 * before that when the element stands on a line of its own.
 */
export function elementDeletionSpan(text: string, element: XmlElement): Span {
  let start = element.span.start;
  let i = start;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) {
    i--;
  }
  if (i > 0 && text[i - 1] === '\n') {
    start = i - 1;
    if (start > 0 && text[start - 1] === '\r') {
      start--;
    }
  }
  return { start, end: element.span.end };
}

/** True when the step or a group around it has a condition. */
export function isConditional(node: StepOrGroup): boolean {
  for (let n: StepOrGroup | undefined = node; n; n = n.parent) {
    if (n.conditions.length > 0) {
      return true;
    }
  }
  return false;
}

/** The white space that indents `element`'s line, for inserted sibling lines. */
export function indentationOf(text: string, element: XmlElement): string {
  let i = element.span.start;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) {
    i--;
  }
  return i === 0 || text[i - 1] === '\n' ? text.slice(i, element.span.start) : '';
}
