// Helpers shared by the step check families (types, properties, run environment, action,
// references, secrets): resolving a step's catalog entry, telling a ConfigMgr document from a Lite
// Touch one, and turning positions inside decoded text back into document spans.

import { findStepTypeIgnoringCase, getStepType } from '../catalog';
import type { StepTypeInfo } from '../catalog/types';
import type { Span, StepNode, StepOrGroup, TaskSequenceDocument, VariableBinding, XmlElement } from '../model';
import { attribute } from '../model';

/** The catalog entry of a step's `type`, also when only its letter case is wrong (reported apart). */
export function resolveStepType(step: StepNode): StepTypeInfo | undefined {
  if (step.type === undefined) {
    return undefined;
  }
  return getStepType(step.type) ?? findStepTypeIgnoringCase(step.type.trim());
}

/** True when steps of `type` are written as `<elementName>`: its own element or one real files also use. */
export function isWrittenAs(type: StepTypeInfo, elementName: string): boolean {
  if (elementName === type.element) {
    return true;
  }
  for (const alternate of type.alternateElements ?? []) {
    if (alternate === elementName) {
      return true;
    }
  }
  return false;
}

/** `<array><index><item>` of an array property the catalog does not describe item by item. */
export function isArrayItemOf(type: StepTypeInfo, binding: VariableBinding): boolean {
  const itemOf = (base: string | undefined, name: string | undefined): boolean =>
    base !== undefined && name !== undefined && name.toLowerCase().startsWith(base.toLowerCase()) && /^\d+[A-Za-z]\w*$/.test(name.slice(base.length));
  return type.properties.some((p) => p.type === 'array' && !p.arrayItems && (itemOf(p.variable, binding.name) || itemOf(p.property, binding.property)));
}

/** True when the document is a Lite Touch (MDT) task sequence, as detected by the parser or set in the settings. */
export function isLiteTouch(document: TaskSequenceDocument): boolean {
  return document.flavor === 'mdt';
}

/** ConfigMgr document (console export, SaveToXml, ConfigMgr with MDT integration). */
export function isConfigMgr(document: TaskSequenceDocument): boolean {
  return !isLiteTouch(document);
}

/** An action that Lite Touch runs through its scripts rather than a ConfigMgr client binary. */
export function isMdtScriptAction(action: string): boolean {
  return /\b[cw]script(\.exe)?\b/i.test(action) || /\b(ZTI|LTI)\w*\.wsf\b/i.test(action);
}

/**
 * The first of `values` that equals `value` when letter case is ignored. (A loop, not find(): the
 * checks call this for most values, and a closure over `value` would cost each call an allocation.)
 */
export function findIgnoringCase(values: readonly string[], value: string): string | undefined {
  const wanted = value.toLowerCase();
  for (const v of values) {
    if (v.toLowerCase() === wanted) {
      return v;
    }
  }
  return undefined;
}

/** `"Name"` of a step for messages. */
export function stepLabel(step: StepOrGroup): string {
  return step.name !== undefined && step.name !== '' ? `"${step.name}"` : `<${step.element.name}>`;
}

/** The span of a variable's value: its text, or an empty span where the text would go. */
export function valueSpan(element: XmlElement): Span {
  if (element.textSpan) {
    return element.textSpan;
  }
  const at = element.selfClosing ? element.startTag.end - 2 : element.startTag.end;
  return { start: at, end: at };
}

/**
 * A span for characters [start, end) of an element's decoded text. Exact when the text is written
 * verbatim in the document; the whole text span otherwise (entities, CDATA, escaped containers).
 */
export function textSubSpan(document: TaskSequenceDocument, element: XmlElement, start: number, end: number): Span {
  const span = element.textSpan;
  if (!span) {
    return valueSpan(element);
  }
  if (document.text.slice(span.start, span.end) === element.text) {
    return { start: span.start + start, end: span.start + end };
  }
  return span;
}

/** True when [start, end) of the element's text can be addressed exactly (see textSubSpan). */
export function isVerbatimText(document: TaskSequenceDocument, element: XmlElement): boolean {
  const span = element.textSpan;
  return span !== undefined && document.text.slice(span.start, span.end) === element.text;
}

/** The span of the value without surrounding white space, when it can be addressed exactly. */
export function trimmedValueSpan(document: TaskSequenceDocument, element: XmlElement): Span {
  const text = element.text;
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  if (end <= start) {
    return valueSpan(element);
  }
  return textSubSpan(document, element, start, end);
}

/** Where a problem about a variable with no usable value is shown: its `name` value. */
export function variableNameSpan(binding: VariableBinding): Span {
  const name = attribute(binding.element, 'name');
  return name ? name.valueSpan : binding.element.nameSpan;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** XML-escapes text for an element body or an attribute value. */
export function escapeXml(text: string, attributeValue = false): string {
  return text.replace(attributeValue ? /[&<>"]/g : /[&<>]/g, (c) => ESCAPES[c]);
}

/**
 * Text to write into the document where the sequence itself lives: escaped once for XML, and once
 * more when the whole sequence is stored as entity-escaped text (an object.xml value without CDATA,
 * or an escaped file).
 */
export function encodeForDocument(document: TaskSequenceDocument, markup: string): string {
  const sequence = document.sequence;
  if (!sequence) {
    return markup;
  }
  return document.text.startsWith('<', sequence.element.span.start) ? markup : escapeXml(markup, true);
}

/** The line break and indentation used before `element`, for inserting a sibling after the last child. */
export function indentationBefore(document: TaskSequenceDocument, element: XmlElement): string {
  const text = document.text;
  let i = element.span.start;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) {
    i--;
  }
  const indent = text.slice(i, element.span.start);
  if (i > 0 && text[i - 1] === '\n') {
    return (i > 1 && text[i - 2] === '\r' ? '\r\n' : '\n') + indent;
  }
  return '';
}

/** Where and how to append a child to a list element (defaultVarList, referenceList), if it can take one. */
export function appendPoint(document: TaskSequenceDocument, list: XmlElement): { at: number; prefix: string; suffix: string } | undefined {
  if (list.selfClosing || !list.endTag) {
    return undefined;
  }
  const last = list.children[list.children.length - 1];
  if (!last) {
    return { at: list.endTag.start, prefix: '', suffix: '' };
  }
  // Insert right after the last child, with the same line break and indentation it has.
  return { at: last.span.end, prefix: indentationBefore(document, last), suffix: '' };
}
