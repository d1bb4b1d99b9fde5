// The SaveToXml / ExportXml side: the object model back to XML, in the layout the ConfigMgr console
// writes (attribute and child order), so that a sequence edited or exported here diffs cleanly
// against one the console produced.
//
// What is written, and why:
// - Typed model fields come first, in console order; every other attribute the source element
//   carried follows in source order. The model types only some WMI properties (retryCount,
//   runFromNet, timeout, startIn, expand… live only on the element), and dropping them would change
//   what the step does.
// - `disable` and `continueOnError` are written only when true, `hidden` only when true: the console
//   never writes the false forms, and they mean the same as the attribute being absent.
// - Elements the model does not know are dropped (unknown children, a second <condition>, <action>
//   or <defaultVarList>, misplaced steps): SaveToXml writes the WMI object, which has no place for
//   them, and LoadFromXml would not have kept them either. The exceptions are the MDT group's
//   <action/> and the OS condition's <platformKey>, which real files carry and the model does not yet
//   type; they are copied from the element.
// - Values are written exactly as the model holds them: element text is never trimmed or indented
//   (value elements are written on one line), and characters that an XML reader would normalise
//   (CR in text; CR, LF and tab in attributes) are written as character references.
// - An element with neither value nor children is always written `<x/>`.
// - No XML declaration, as SaveToXml writes none.

import { UNTYPED_STEP_PROPERTIES, allStepTypes, allVariables, getProperty, getStepType, getUntypedStepProperty } from './catalog';
import type { PropertyInfo } from './catalog/types';
import type {
  ConditionNode,
  ConditionOperand,
  ExpressionNode,
  GroupNode,
  OsConditionGroupNode,
  OsExpressionGroupNode,
  ReferenceNode,
  SequenceNode,
  StepNode,
  StepOrGroup,
  VariableBinding,
  XmlElement,
} from './model';
import { attributeValue } from './model';

export interface SerializeOptions {
  /** One level of indentation; default two spaces. `''` with `newline: ''` gives the console's single line. */
  readonly indent?: string;
  /** Written between elements; default `\n`. */
  readonly newline?: string;
}

/** SMS_TaskSequence.SaveToXml: the whole model, secrets included. */
export function saveToXml(sequence: SequenceNode, options: SerializeOptions = {}): string {
  return serialize(sequence, options, keepValue);
}

/** SMS_TaskSequence.ExportXml: as SaveToXml, with every secret value (password, PIN, product key) blanked. */
export function exportXml(sequence: SequenceNode, options: SerializeOptions = {}): string {
  return serialize(sequence, options, blankSecret);
}

// ---------------------------------------------------------------------------------------------
// Output tree: the model is first turned into these, then one function renders them.

type OutAttribute = readonly [name: string, value: string];

interface OutElement {
  readonly name: string;
  readonly attributes: readonly OutAttribute[];
  /** The element's value (variables, actions); written inline so that it stays exact. */
  readonly text?: string;
  readonly children?: readonly OutElement[];
}

/** A typed model field and its value; undefined means the attribute is not written. */
type KnownAttribute = readonly [name: string, value: string | undefined];

/** Decides the value written for a defaultVarList or globalVarList variable. */
type ValuePolicy = (binding: VariableBinding, owner: StepNode | undefined) => string;

function serialize(sequence: SequenceNode, options: SerializeOptions, valueOf: ValuePolicy): string {
  const layout: Layout = { indent: options.indent ?? '  ', newline: options.newline ?? '\n' };
  const lines: string[] = [];
  render(sequenceElement(sequence, valueOf), 0, layout, lines);
  return lines.join(layout.newline);
}

/** Known attributes in the given order, then the element's other attributes in source order. */
function attributesOf(element: XmlElement, known: readonly KnownAttribute[]): OutAttribute[] {
  const seen = new Set<string>(known.map(([name]) => name));
  const result: OutAttribute[] = [];
  for (const [name, value] of known) {
    if (value !== undefined) {
      result.push([name, value]);
    }
  }
  for (const a of element.attributes) {
    // A repeated attribute is not well-formed XML; the first one is the one the model reads.
    if (!seen.has(a.name)) {
      seen.add(a.name);
      result.push([a.name, a.value]);
    }
  }
  return result;
}

/** An element copied from the source with its attributes and value (for elements the model does not type). */
function copiedElement(element: XmlElement): OutElement {
  return { name: element.name, attributes: attributesOf(element, []), text: element.text };
}

function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

// ---------------------------------------------------------------------------------------------
// Sequence, references, variables

function sequenceElement(sequence: SequenceNode, valueOf: ValuePolicy): OutElement {
  const children: OutElement[] = [];
  if (sequence.referenceList) {
    children.push(listElement(sequence.referenceList, sequence.references.map(referenceElement)));
  }
  if (sequence.globalVarList) {
    const variables = sequence.globalVariables.map((v) => variableElement(v, valueOf(v, undefined)));
    children.push(listElement(sequence.globalVarList, variables));
  }
  children.push(...sequence.steps.map((s) => stepOrGroupElement(s, valueOf)));
  return {
    name: 'sequence',
    attributes: attributesOf(sequence.element, [
      ['version', sequence.version],
      ['name', sequence.name],
      ['description', sequence.description],
    ]),
    children,
  };
}

/** referenceList, globalVarList, defaultVarList: attributes from the source, items from the model. */
function listElement(list: XmlElement, items: OutElement[]): OutElement {
  return { name: list.name, attributes: attributesOf(list, []), children: items };
}

function referenceElement(reference: ReferenceNode): OutElement {
  return {
    name: 'reference',
    attributes: attributesOf(reference.element, [
      ['package', reference.package],
      ['program', reference.program],
      ['application', reference.application],
    ]),
  };
}

function variableElement(binding: VariableBinding, value: string): OutElement {
  return {
    name: 'variable',
    attributes: attributesOf(binding.element, [
      ['name', binding.name],
      ['property', binding.property],
      ['hidden', binding.hidden ? 'true' : undefined],
    ]),
    text: value,
  };
}

// ---------------------------------------------------------------------------------------------
// Groups and steps

function stepOrGroupElement(node: StepOrGroup, valueOf: ValuePolicy): OutElement {
  return node.kind === 'group' ? groupElement(node, valueOf) : stepElement(node, valueOf);
}

/** name, description, disable, continueOnError: shared by groups and steps, in console order. */
function commonAttributes(node: StepOrGroup): KnownAttribute[] {
  return [
    ['name', node.name],
    ['description', node.description],
    ['disable', node.enabled ? undefined : 'true'],
    ['continueOnError', node.continueOnError ? 'true' : undefined],
  ];
}

function groupElement(group: GroupNode, valueOf: ValuePolicy): OutElement {
  // MDT's editor writes an empty <action/> in every group; the model has no field for it.
  const action = childrenNamed(group.element, 'action')[0];
  return {
    name: 'group',
    attributes: attributesOf(group.element, commonAttributes(group)),
    children: [
      ...conditionElements(group.condition),
      ...(action ? [copiedElement(action)] : []),
      ...group.steps.map((s) => stepOrGroupElement(s, valueOf)),
    ],
  };
}

function stepElement(step: StepNode, valueOf: ValuePolicy): OutElement {
  const children: OutElement[] = [...conditionElements(step.condition)];
  if (step.action) {
    children.push(copiedElement(step.action));
  }
  if (step.defaultVarList) {
    const variables = step.variables.map((v) => variableElement(v, valueOf(v, step)));
    children.push(listElement(step.defaultVarList, variables));
  }
  return {
    name: step.isSubTaskSequence ? 'subtasksequence' : 'step',
    attributes: attributesOf(step.element, [
      ['type', step.type],
      ...commonAttributes(step),
      ['runIn', step.runIn],
      ['successCodeList', step.successCodeList],
    ]),
    children,
  };
}

// ---------------------------------------------------------------------------------------------
// Conditions

function conditionElements(condition: ConditionNode | undefined): OutElement[] {
  if (!condition) {
    return [];
  }
  return [{ name: 'condition', attributes: attributesOf(condition.element, []), children: condition.operands.map(operandElement) }];
}

function operandElement(operand: ConditionOperand): OutElement {
  switch (operand.kind) {
    case 'expression':
      return expressionElement(operand);
    case 'operator':
      return {
        name: 'operator',
        attributes: attributesOf(operand.element, [['type', operand.type]]),
        children: operand.operands.map(operandElement),
      };
    case 'osConditionGroup':
      return osConditionGroupElement(operand);
  }
}

function expressionElement(expression: ExpressionNode): OutElement {
  return {
    name: 'expression',
    attributes: attributesOf(expression.element, [['type', expression.type]]),
    children: expression.properties.map((p) => ({ name: 'variable', attributes: attributesOf(p.element, [['name', p.name]]), text: p.value })),
  };
}

function osConditionGroupElement(group: OsConditionGroupNode): OutElement {
  return {
    name: 'osConditionGroup',
    attributes: attributesOf(group.element, [['type', group.type]]),
    children: group.groups.map(osExpressionGroupElement),
  };
}

function osExpressionGroupElement(group: OsExpressionGroupNode): OutElement {
  // The platform (PlatformArchKey, Min/MaxVer, TypeKey) is only on <platformKey>, which the model
  // does not type; the group's `type` is untyped too but the console writes it first.
  return {
    name: 'osExpressionGroup',
    attributes: attributesOf(group.element, [
      ['type', attributeValue(group.element, 'type')],
      ['name', group.name],
    ]),
    children: [...childrenNamed(group.element, 'platformKey').map(copiedElement), ...group.expressions.map(expressionElement)],
  };
}

// ---------------------------------------------------------------------------------------------
// Rendering

interface Layout {
  readonly indent: string;
  readonly newline: string;
}

function render(element: OutElement, depth: number, layout: Layout, lines: string[]): void {
  const pad = layout.indent.repeat(depth);
  const open = `<${element.name}${element.attributes.map(([n, v]) => ` ${n}="${escapeAttribute(v)}"`).join('')}`;
  const children = element.children ?? [];
  if (children.length > 0) {
    lines.push(`${pad}${open}>`);
    for (const child of children) {
      render(child, depth + 1, layout, lines);
    }
    lines.push(`${pad}</${element.name}>`);
  } else if (element.text) {
    lines.push(`${pad}${open}>${escapeText(element.text)}</${element.name}>`);
  } else {
    lines.push(`${pad}${open}/>`);
  }
}

const TEXT_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
// Readers turn CR, LF and tab in attribute values into spaces; references survive.
const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = { ...TEXT_ESCAPES, '"': '&quot;', '\n': '&#10;', '\t': '&#9;' };

function escapeText(value: string): string {
  return value.replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c]);
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"\r\n\t]/g, (c) => ATTRIBUTE_ESCAPES[c]);
}

// ---------------------------------------------------------------------------------------------
// Secrets (ExportXml)

function keepValue(binding: VariableBinding): string {
  return binding.value;
}

function blankSecret(binding: VariableBinding, owner: StepNode | undefined): string {
  return isSecret(binding, owner) ? '' : binding.value;
}

/**
 * A value is secret when the catalog marks the property it sets secret, or when its name is a
 * secret variable anywhere in the catalog: globalVarList entries have no step to ask, and a
 * variable may be bound under a property the catalog does not know.
 */
function isSecret(binding: VariableBinding, owner: StepNode | undefined): boolean {
  return ownerProperty(binding, owner)?.secret === true || secretVariableNames().has(binding.name.toLowerCase());
}

function ownerProperty(binding: VariableBinding, owner: StepNode | undefined): PropertyInfo | undefined {
  if (!owner) {
    return undefined;
  }
  const reference = { property: binding.property, variable: binding.name };
  if (owner.type === undefined) {
    return getUntypedStepProperty(reference);
  }
  const type = getStepType(owner.type);
  return type ? getProperty(type, reference) : undefined;
}

let secretNames: ReadonlySet<string> | undefined;

/** Lower-cased names of every secret variable, and of every variable a secret step property is bound to. */
function secretVariableNames(): ReadonlySet<string> {
  if (!secretNames) {
    const properties = [...allStepTypes().flatMap((t) => t.properties), ...UNTYPED_STEP_PROPERTIES];
    const names = [
      ...allVariables().filter((v) => v.secret === true).map((v) => v.name),
      ...properties.filter((p) => p.secret === true).flatMap((p) => [p.variable, ...(p.alternateVariables ?? [])]),
    ];
    secretNames = new Set(names.filter((n): n is string => n !== undefined).map((n) => n.toLowerCase()));
  }
  return secretNames;
}
