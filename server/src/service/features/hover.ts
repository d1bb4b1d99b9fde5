// Hover: what a step type is and does (on its `type`), what a variable is, where it comes from
// and which steps use it (on a name in a condition, a defaultVarList or a %VAR% reference), and
// what a condition means in plain English (on <condition>, <operator>, <expression>).

import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Hover } from 'vscode-languageserver-types';
import { allStepTypes, getElement, getExpressionKind, getOperator, getStepType, getVariable } from '../catalog';
import type { StepTypeInfo } from '../catalog/types';
import type { ConditionNode, ConditionOperand, Span, TaskSequenceDocument, XmlAttribute, XmlElement } from '../model';
import { attributeValue, walkSteps } from '../model';
import { describeCondition, describeOperand } from '../util/conditionText';
import { collectDocumentVariables, type DocumentVariable } from '../util/documentVariables';
import { elementAt } from '../util/elements';
import { bold, code, escapeMarkdown, toMarkupContent, type DocumentationFormat } from '../util/markup';
import { spanToRange, touches } from '../util/ranges';
import { variableReferenceAround } from '../util/scanner';
import { displayName } from './documentSymbols';

/** Hovers list at most this many step properties; the rest is summarised. */
const MAX_LISTED_PROPERTIES = 20;

interface HoverContent {
  readonly markdown: string;
  readonly span: Span;
}

export function doHover(document: TextDocument, parsed: TaskSequenceDocument, position: { line: number; character: number }, format: DocumentationFormat): Hover | null {
  const content = hoverContent(document, parsed, document.offsetAt(position));
  return content ? { contents: toMarkupContent(content.markdown, format), range: spanToRange(document, content.span) } : null;
}

function hoverContent(document: TextDocument, parsed: TaskSequenceDocument, offset: number): HoverContent | undefined {
  const reference = variableReferenceAround(parsed.text, offset);
  if (reference) {
    return { markdown: describeVariable(document, reference.name, collectDocumentVariables(parsed)), span: reference };
  }
  const element = elementAt(parsed, offset);
  if (!element) {
    return undefined;
  }
  if (touches(element.startTag, offset)) {
    return startTagHover(document, parsed, element, offset);
  }
  if (element.textSpan && touches(element.textSpan, offset)) {
    return textHover(document, parsed, element);
  }
  return undefined;
}

function startTagHover(document: TextDocument, parsed: TaskSequenceDocument, element: XmlElement, offset: number): HoverContent | undefined {
  const attr = element.attributes.find((a) => touches(a.span, offset));
  if (attr) {
    return touches(attr.valueSpan, offset) ? attributeValueHover(document, parsed, element, attr) : attributeNameHover(element, attr);
  }
  if (!touches(element.nameSpan, offset)) {
    return undefined;
  }
  const condition = conditionNodeFor(parsed, element);
  if (condition) {
    const markdown = 'kind' in condition ? `True when ${describeOperand(condition)}` : describeCondition(condition);
    return { markdown: markdown.endsWith('.') ? markdown : `${markdown}.`, span: element.nameSpan };
  }
  if (element.name === 'step' || element.name === 'subtasksequence') {
    const type = attributeValue(element, 'type');
    const info = type ? getStepType(type) : undefined;
    if (info) {
      return { markdown: stepTypeDocumentation(info), span: element.nameSpan };
    }
  }
  const info = getElement(element.name);
  return info ? { markdown: `${code(`<${element.name}>`)}: ${escapeMarkdown(info.description)}`, span: element.nameSpan } : undefined;
}

function attributeNameHover(element: XmlElement, attr: XmlAttribute): HoverContent | undefined {
  const info = getElement(element.name)?.attributes.find((a) => a.name === attr.name);
  if (!info?.description) {
    return undefined;
  }
  const values = info.values?.length ? `\n\nValues: ${info.values.map(code).join(', ')}` : '';
  return { markdown: `${code(attr.name)}: ${escapeMarkdown(info.description)}${values}`, span: attr.nameSpan };
}

function attributeValueHover(document: TextDocument, parsed: TaskSequenceDocument, element: XmlElement, attr: XmlAttribute): HoverContent | undefined {
  const span = attr.valueSpan;
  switch (`${element.name}/${attr.name}`) {
    case 'step/type':
    case 'subtasksequence/type': {
      const info = getStepType(attr.value);
      return info ? { markdown: stepTypeDocumentation(info), span } : undefined;
    }
    case 'expression/type': {
      const kind = getExpressionKind(attr.value);
      if (!kind) {
        return undefined;
      }
      const properties = kind.properties.map((p) => `- ${code(p.name)}${p.description ? `: ${escapeMarkdown(p.description)}` : ''}`);
      return { markdown: [`${bold(kind.editorName)} condition (${code(kind.className)})`, escapeMarkdown(kind.description), ...properties].join('\n\n'), span };
    }
    case 'operator/type': {
      const operator = getOperator(attr.value);
      return operator ? { markdown: `${bold(operator.editorLabel)}: ${escapeMarkdown(operator.semantics)}`, span } : undefined;
    }
    case 'variable/name':
      return variableNameHover(document, parsed, element, attr);
    default:
      return undefined;
  }
}

/** `name=` of a <variable>: a task sequence variable, or an expression's property. */
function variableNameHover(document: TextDocument, parsed: TaskSequenceDocument, element: XmlElement, attr: XmlAttribute): HoverContent | undefined {
  const container = element.parent;
  if (container?.name === 'expression') {
    const type = attributeValue(container, 'type');
    const property = type ? getExpressionKind(type)?.properties.find((p) => p.name === attr.value) : undefined;
    return property?.description ? { markdown: `${code(property.name)}: ${escapeMarkdown(property.description)}`, span: attr.valueSpan } : undefined;
  }
  if (container?.name === 'defaultVarList' || container?.name === 'globalVarList') {
    return attr.value ? { markdown: describeVariable(document, attr.value, collectDocumentVariables(parsed)), span: attr.valueSpan } : undefined;
  }
  return undefined;
}

/** The text of `<variable name="Variable">` in a Variable condition is a variable name. */
function textHover(document: TextDocument, parsed: TaskSequenceDocument, element: XmlElement): HoverContent | undefined {
  if (element.name !== 'variable' || element.parent?.name !== 'expression' || attributeValue(element, 'name') !== 'Variable') {
    return undefined;
  }
  const name = element.text.trim();
  return name && element.textSpan ? { markdown: describeVariable(document, name, collectDocumentVariables(parsed)), span: element.textSpan } : undefined;
}

/** The condition, operator, expression or OS group built from an element. */
function conditionNodeFor(parsed: TaskSequenceDocument, element: XmlElement): ConditionNode | ConditionOperand | undefined {
  if (!['condition', 'operator', 'expression', 'osConditionGroup'].includes(element.name) || !parsed.sequence) {
    return undefined;
  }
  for (const node of walkSteps(parsed.sequence.steps)) {
    for (const condition of node.conditions) {
      if (condition.element === element) {
        return condition;
      }
      const found = findOperand(condition.operands, element);
      if (found) {
        return found;
      }
    }
  }
  return undefined;
}

function findOperand(operands: readonly ConditionOperand[], element: XmlElement): ConditionOperand | undefined {
  for (const operand of operands) {
    if (operand.element === element) {
      return operand;
    }
    if (operand.kind === 'operator') {
      const found = findOperand(operand.operands, element);
      if (found) {
        return found;
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Shared with completion

/** A step type: display name, purpose, where it runs, its properties. */
export function stepTypeDocumentation(info: StepTypeInfo): string {
  const header = `${bold(info.displayName)} (${code(info.className)}) · ${escapeMarkdown(info.category)}${info.flavor === 'mdt' ? ' · MDT' : ''}${info.deprecated ? ' · deprecated' : ''}`;
  const runIn = info.allowedRunIn.length
    ? `Runs in: ${info.allowedRunIn.map(code).join(', ')}${info.defaultRunIn ? ` (default ${code(info.defaultRunIn)})` : ''}`
    : undefined;
  const listed = info.properties.slice(0, MAX_LISTED_PROPERTIES).map((p) => {
    const variable = p.variable && p.variable !== p.property ? ` (variable ${code(p.variable)})` : '';
    const required = p.required.kind === 'always' ? ', required' : '';
    return `- ${code(p.property)}${variable}: ${escapeMarkdown(p.type)}${required}`;
  });
  const more = info.properties.length > MAX_LISTED_PROPERTIES ? [`- … and ${info.properties.length - MAX_LISTED_PROPERTIES} more`] : [];
  const properties = listed.length ? ['Properties:', [...listed, ...more].join('\n')] : [];
  return [header, escapeMarkdown(info.description), runIn, ...properties].filter((part): part is string => !!part).join('\n\n');
}

/**
 * A variable: its built-in description, whether it is read-only, which steps use or set it.
 * `documentVariables` are those the document sets (collectDocumentVariables), computed once by
 * the caller.
 */
export function describeVariable(document: TextDocument, name: string, documentVariables: readonly DocumentVariable[]): string {
  const info = getVariable(name);
  const parts: string[] = [];
  if (info) {
    const kind = info.readOnly ? 'built-in variable, read-only' : info.kind === 'deprecated' ? 'built-in variable, deprecated' : 'built-in variable';
    parts.push(`${bold(info.name)}: ${kind}`, escapeMarkdown(info.description));
    if (info.values?.length) {
      parts.push(`Values: ${info.values.map(code).join(', ')}`);
    }
    if (info.array) {
      parts.push(`An array: use it with an index, e.g. ${code(`${info.name}0`)}…`);
    }
  } else {
    parts.push(bold(name));
  }
  const usage = variableUsage(name);
  if (usage.readers.length) {
    parts.push(`Used by: ${usage.readers.map(escapeMarkdown).join(', ')}`);
  }
  if (usage.setters.length) {
    parts.push(`Set by the step types: ${usage.setters.map(escapeMarkdown).join(', ')}`);
  }
  const key = name.toLowerCase();
  const setters = documentVariables.filter((v) => v.name.toLowerCase() === key);
  for (const setter of setters) {
    const line = document.positionAt(setter.span.start).line + 1;
    parts.push(setter.step ? `Set by step "${escapeMarkdown(displayName(setter.step))}" at line ${line}.` : `Defined in the global variables at line ${line}.`);
  }
  if (!info && setters.length === 0) {
    parts.push('Not a built-in variable, and no step in this document sets it: it must come from a collection or device variable, or it is misspelt.');
  }
  return parts.join('\n\n');
}

interface VariableUsage {
  readonly readers: string[];
  readonly setters: string[];
}

let usageIndex: Map<string, { readers: Set<string>; setters: Set<string> }> | undefined;

/** Which step types bind, read or set a variable (built once from the catalog). */
function variableUsage(name: string): VariableUsage {
  usageIndex ??= buildUsageIndex();
  const entry = usageIndex.get(name.toLowerCase());
  const info = getVariable(name);
  const readers = new Set(entry?.readers ?? []);
  for (const className of info?.appliesTo ?? []) {
    readers.add(getStepType(className)?.displayName ?? className);
  }
  return { readers: [...readers].sort(), setters: [...(entry?.setters ?? [])].sort() };
}

function buildUsageIndex(): Map<string, { readers: Set<string>; setters: Set<string> }> {
  const index = new Map<string, { readers: Set<string>; setters: Set<string> }>();
  const entry = (variable: string): { readers: Set<string>; setters: Set<string> } => {
    const key = variable.toLowerCase();
    let found = index.get(key);
    if (!found) {
      found = { readers: new Set(), setters: new Set() };
      index.set(key, found);
    }
    return found;
  };
  for (const step of allStepTypes()) {
    for (const property of step.properties) {
      for (const variable of [property.variable, ...(property.alternateVariables ?? [])]) {
        if (variable) {
          entry(variable).readers.add(step.displayName);
        }
      }
    }
    for (const variable of step.readsVariables ?? []) {
      entry(variable).readers.add(step.displayName);
    }
    for (const variable of step.setsVariables ?? []) {
      entry(variable).setters.add(step.displayName);
    }
  }
  return index;
}
