// Attributes of steps and groups that map to SMS_TaskSequence_Step properties: Name and Description
// lengths (the provider's AllowedLen), true/false spellings, numbers, and the success codes.
//
// Codes:
//   step-name-length        error    a step or group name that is empty or longer than the provider allows (100)
//                           hint     a name longer than the console editor shows (50)
//   description-too-long    error    a description longer than the provider allows (255)
//   invalid-boolean         warning  a true/false attribute spelled otherwise (True, TRUE, yes, 1)
//   invalid-attribute-value warning  a number attribute (retryCount, timeout) that is not a whole number
//   invalid-success-codes   warning  successCodeList that is not a space-separated list of integers
//   success-codes-mismatch  warning  successCodeList and the step's SuccessCodes variable disagree

import { attributesOf, getElement } from '../catalog';
import type { AttributeInfo, PropertyInfo, StepTypeInfo } from '../catalog/types';
import type { Problem, StepNode, StepOrGroup, TaskSequenceDocument, VariableBinding, XmlAttribute } from '../model';
import { attribute as attributeNamed } from '../model';
import type { DocumentIndex } from './documentIndex';
import type { CheckContext } from './index';
import { booleanReplacements } from './stepProperties';
import { isConfigMgr, trimmedValueSpan, WHOLE_NUMBER } from './stepSupport';

/**
 * The console's task sequence editor cuts names at 50 characters (domain notes §7 #16). The
 * catalog records it only in prose (ElementInfo 'group'/'step' name description), so it lives here.
 */
const EDITOR_NAME_LIMIT = 50;

/** The WMI property that mirrors successCodeList on command-line style steps (catalog: "Mirrors @successCodeList"). */
const SUCCESS_CODES_PROPERTY = 'SuccessCodes';

export function checkStepAttributes({ document, index }: CheckContext): Problem[] {
  const sequence = document.sequence;
  if (!sequence) {
    return [];
  }
  const problems: Problem[] = [];
  const configMgr = isConfigMgr(document);
  const nodes = index.nodes;
  for (let n = 0; n < nodes.length; n++) {
    const node = nodes[n];
    const info = getElement(node.element.name);
    if (!info) {
      continue;
    }
    const known = attributesOf(info);
    const element = node.element;
    // By index: an attribute object is made only for one that is checked.
    for (let i = 0; i < element.attributeCount; i++) {
      const expected = known.get(element.attributeName(i));
      if (!expected) {
        continue;
      }
      const attribute = element.attributeAt(i);
      switch (attribute.name) {
        case 'name':
          checkName(node, attribute, expected, configMgr, problems);
          break;
        case 'description':
          checkDescription(node, attribute, expected, configMgr, problems);
          break;
        case 'successCodeList':
        case 'successCodes':
          checkSuccessCodeSyntax(attribute, expected, problems);
          break;
        default:
          checkTypedValue(node, attribute, expected, problems);
      }
    }
    if (node.kind === 'step') {
      checkSuccessCodeAgreement(document, index, node, problems);
    }
  }
  return problems;
}

function kind(node: StepOrGroup): string {
  return node.kind === 'group' ? 'Group' : 'Step';
}

function checkName(node: StepOrGroup, attribute: XmlAttribute, expected: AttributeInfo, configMgr: boolean, problems: Problem[]): void {
  const length = attribute.value.length;
  const max = expected.maxLength;
  const min = expected.minLength ?? 1;
  if (attribute.value.trim().length < min) {
    problems.push({
      code: 'step-name-length',
      severity: 'error',
      message: `${kind(node)} name is empty: every step and group needs a name of ${min} to ${max ?? 'any number of'} characters.`,
      span: attribute.valueSpan.start === attribute.valueSpan.end ? attribute.span : attribute.valueSpan,
    });
    return;
  }
  // The limits are the ConfigMgr provider's; Lite Touch never loads the sequence into WMI.
  if (max !== undefined && length > max && configMgr) {
    problems.push({
      code: 'step-name-length',
      severity: 'error',
      message: `${kind(node)} name is ${length} characters long; ConfigMgr accepts at most ${max}.`,
      span: attribute.valueSpan,
    });
    return;
  }
  if (configMgr && length > EDITOR_NAME_LIMIT) {
    problems.push({
      code: 'step-name-length',
      severity: 'hint',
      message: `${kind(node)} name is ${length} characters long; the task sequence editor limits names to ${EDITOR_NAME_LIMIT}, so editing the step in the console shortens it.`,
      span: attribute.valueSpan,
    });
  }
}

function checkDescription(node: StepOrGroup, attribute: XmlAttribute, expected: AttributeInfo, configMgr: boolean, problems: Problem[]): void {
  const max = expected.maxLength;
  if (max === undefined || attribute.value.length <= max || !configMgr) {
    return;
  }
  problems.push({
    code: 'description-too-long',
    severity: 'error',
    message: `${kind(node)} description is ${attribute.value.length} characters long; ConfigMgr accepts at most ${max}.`,
    span: attribute.valueSpan,
  });
}

function checkTypedValue(node: StepOrGroup, attribute: XmlAttribute, expected: AttributeInfo, problems: Problem[]): void {
  const value = attribute.value;
  if (expected.type === 'boolean') {
    if (value === 'true' || value === 'false') {
      return;
    }
    const replacements = booleanReplacements(value);
    problems.push({
      code: 'invalid-boolean',
      severity: 'warning',
      message: `${attribute.name}="${value}" should be "true" or "false": other spellings are read unpredictably.`,
      span: attribute.valueSpan.start === attribute.valueSpan.end ? attribute.span : attribute.valueSpan,
      data: attribute.valueSpan.start === attribute.valueSpan.end ? undefined : { replacements },
    });
    return;
  }
  if (expected.type === 'uint' && !WHOLE_NUMBER.test(value)) {
    problems.push({
      code: 'invalid-attribute-value',
      severity: 'warning',
      message: `${attribute.name}="${value}" on ${kind(node).toLowerCase()} ${node.name ?? ''} should be a whole number.`.replace(/ +/g, ' '),
      span: attribute.valueSpan.start === attribute.valueSpan.end ? attribute.span : attribute.valueSpan,
      data: /^\s*\d+\s*$/.test(value) ? { replacements: [value.trim()] } : undefined,
    });
  }
}

const DEFAULT_SUCCESS_CODES = /^-?\d+( -?\d+)*$/;
const successCodePatterns = new Map<AttributeInfo, RegExp>();

/** The catalog's pattern of a success code attribute, compiled once (most steps carry the attribute). */
function successCodePattern(expected: AttributeInfo): RegExp {
  let pattern = successCodePatterns.get(expected);
  if (!pattern) {
    pattern = expected.pattern ? new RegExp(expected.pattern) : DEFAULT_SUCCESS_CODES;
    successCodePatterns.set(expected, pattern);
  }
  return pattern;
}

function checkSuccessCodeSyntax(attribute: XmlAttribute, expected: AttributeInfo, problems: Problem[]): void {
  const pattern = successCodePattern(expected);
  if (pattern.test(attribute.value)) {
    return;
  }
  const tokens = attribute.value.split(/[\s,;]+/).filter((t) => t !== '');
  const repaired = tokens.join(' ');
  const fixable = tokens.length > 0 && pattern.test(repaired);
  problems.push({
    code: 'invalid-success-codes',
    severity: 'warning',
    message: `${attribute.name}="${attribute.value}" is not a list of exit codes separated by single spaces (for example "0 3010"); the step may judge its exit code wrongly.`,
    span: attribute.valueSpan.start === attribute.valueSpan.end ? attribute.span : attribute.valueSpan,
    data: fixable ? { replacements: [repaired] } : undefined,
  });
}

function codeSet(text: string): string | undefined {
  const tokens = text.trim().split(/\s+/).filter((t) => t !== '');
  if (tokens.length === 0 || !tokens.every((t) => /^-?\d+$/.test(t))) {
    return undefined;
  }
  return [...new Set(tokens.map((t) => String(Number(t))))].sort((a, b) => Number(a) - Number(b)).join(' ');
}

function checkSuccessCodeAgreement(document: TaskSequenceDocument, index: DocumentIndex, step: StepNode, problems: Problem[]): void {
  const type = index.stepType(step);
  const listAttribute = attributeNamed(step.element, 'successCodeList');
  if (!type || !listAttribute) {
    return;
  }
  const property = successCodesProperty(type);
  if (!property) {
    return;
  }
  const binding = successCodesBinding(index, step, property);
  // The same text is the same set of codes (the usual case: the console writes both copies alike).
  if (!binding || binding.value === listAttribute.value) {
    return;
  }
  const fromList = codeSet(listAttribute.value);
  const fromVariable = codeSet(binding.value);
  if (fromList === undefined || fromVariable === undefined || fromList === fromVariable) {
    return;
  }
  problems.push(mismatch(document, step, listAttribute, binding, property.default));
}

/** The type's SuccessCodes property. (A loop, not find(): it runs for every step.) */
function successCodesProperty(type: StepTypeInfo): PropertyInfo | undefined {
  const properties = type.properties;
  for (let i = 0; i < properties.length; i++) {
    if (properties[i].property === SUCCESS_CODES_PROPERTY) {
      return properties[i];
    }
  }
  return undefined;
}

/** The step's variable for its SuccessCodes property (by property, or by its own variable name). */
function successCodesBinding(index: DocumentIndex, step: StepNode, property: PropertyInfo): VariableBinding | undefined {
  const variable = property.variable === undefined ? undefined : index.lowerCase(property.variable);
  const variables = step.variables;
  for (let i = 0; i < variables.length; i++) {
    const v = variables[i];
    if (v.property === property.property || (variable !== undefined && index.lowerCase(v.name) === variable)) {
      return v;
    }
  }
  return undefined;
}

/**
 * The two copies disagree. The console writes both from one field, so a hand edit changed one of
 * them: the one that still holds the type's default is taken as the untouched copy.
 */
function mismatch(document: TaskSequenceDocument, step: StepNode, listAttribute: XmlAttribute, binding: VariableBinding, defaultCodes: string | undefined): Problem {
  const normalizedDefault = defaultCodes === undefined ? undefined : codeSet(defaultCodes);
  const variableEdited = normalizedDefault !== undefined && codeSet(listAttribute.value) === normalizedDefault && codeSet(binding.value) !== normalizedDefault;
  const message = `The step's successCodeList ("${listAttribute.value}") and its ${binding.name} variable ("${binding.value.trim()}") disagree; the console keeps them equal, so one of them was edited by hand and the step may treat an exit code differently than intended.`;
  if (variableEdited) {
    return {
      code: 'success-codes-mismatch',
      severity: 'warning',
      message,
      span: trimmedValueSpan(document, binding.element),
      related: [{ span: listAttribute.valueSpan, message: `successCodeList of ${step.name ?? 'the step'}` }],
      data: { replacements: [listAttribute.value] },
    };
  }
  return {
    code: 'success-codes-mismatch',
    severity: 'warning',
    message,
    span: listAttribute.valueSpan,
    related: [{ span: binding.element.textSpan ?? binding.element.span, message: `${binding.name} variable` }],
    data: { replacements: [binding.value.trim()] },
  };
}
