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
  const alternates = type.alternateElements;
  for (let i = 0; alternates !== undefined && i < alternates.length; i++) {
    if (alternates[i] === elementName) {
      return true;
    }
  }
  return false;
}

/** `<array><index><item>` of an array property the catalog does not describe item by item. */
export function isArrayItemOf(type: StepTypeInfo, binding: VariableBinding): boolean {
  const arrays = opaqueArraysOf(type);
  for (let i = 0; i < arrays.length; i++) {
    if (isItemOf(arrays[i].variable, binding.name) || isItemOf(arrays[i].property, binding.property)) {
      return true;
    }
  }
  return false;
}

/** What follows the array's name in one of its items: the index and the item's name. */
const INDEXED_ITEM = /^\d+[A-Za-z]\w*$/;

function isItemOf(base: string | undefined, name: string | undefined): boolean {
  return base !== undefined && name !== undefined && name.toLowerCase().startsWith(base) && INDEXED_ITEM.test(name.slice(base.length));
}

/** The names of an opaque array property, lower-cased. */
interface OpaqueArray {
  readonly variable: string | undefined;
  readonly property: string;
}

const opaqueArrays = new WeakMap<StepTypeInfo, readonly OpaqueArray[]>();

/**
 * A type's array properties without item descriptions, worked out once per type: isArrayItemOf
 * runs for every variable the catalog does not know, and most types have no such array at all.
 */
function opaqueArraysOf(type: StepTypeInfo): readonly OpaqueArray[] {
  let arrays = opaqueArrays.get(type);
  if (!arrays) {
    arrays = type.properties
      .filter((p) => p.type === 'array' && !p.arrayItems)
      .map((p) => ({ variable: p.variable?.toLowerCase(), property: p.property.toLowerCase() }));
    opaqueArrays.set(type, arrays);
  }
  return arrays;
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
  return SCRIPT_HOST.test(action) || MDT_SCRIPT.test(action);
}

// Compiled once: a regular expression literal in a function body is a new object on every call,
// and these are tested for every step.
const SCRIPT_HOST = /\b[cw]script(\.exe)?\b/i;
const MDT_SCRIPT = /\b(ZTI|LTI)\w*\.wsf\b/i;

/** A whole number, digits only. */
export const WHOLE_NUMBER = /^\d+$/;

/**
 * The first of `values` that equals `value` when letter case is ignored. (A loop, not find(): the
 * checks call this for most values, and a closure over `value` would cost each call an allocation.)
 */
export function findIgnoringCase(values: readonly string[], value: string): string | undefined {
  for (let i = 0; i < values.length; i++) {
    if (equalsIgnoringCase(values[i], value)) {
      return values[i];
    }
  }
  return undefined;
}

/**
 * `a.toLowerCase() === b.toLowerCase()`, compared character by character while both are ASCII:
 * folding copies every string with a capital in it, and the checks compare most values with a list.
 */
function equalsIgnoringCase(a: string, b: string): boolean {
  if (a.length !== b.length) {
    // Folding keeps the length of ASCII text; only other characters can make different lengths equal.
    return !(isAscii(a) && isAscii(b)) && a.toLowerCase() === b.toLowerCase();
  }
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y || (isAsciiLetter(x) && (x ^ 0x20) === y)) {
      continue;
    }
    return (x > 0x7f || y > 0x7f) && a.toLowerCase() === b.toLowerCase();
  }
  return true;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      return false;
    }
  }
  return true;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
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
