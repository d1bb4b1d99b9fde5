// A plain, JSON-able picture of the task sequence model, for deepStrictEqual: what a round trip
// through the serializer must keep. It has no spans, elements or parent pointers, so two parses of
// differently laid-out text compare equal when they mean the same sequence.
//
// Kept independent of the serializer on purpose: it lists the model's typed fields itself, and
// every other attribute an element carried goes into `attributes` in source order.

import type {
  ConditionNode,
  ConditionOperand,
  ExpressionNode,
  OsExpressionGroupNode,
  SequenceNode,
  StepOrGroup,
  VariableBinding,
  XmlElement,
} from '../../server/src/service/model';

export type Json = null | boolean | string | readonly Json[] | { readonly [key: string]: Json };

export function snapshot(sequence: SequenceNode): Json {
  return {
    version: orNull(sequence.version),
    name: orNull(sequence.name),
    description: orNull(sequence.description),
    attributes: otherAttributes(sequence.element, ['version', 'name', 'description']),
    referenceList: sequence.referenceList ? otherAttributes(sequence.referenceList, []) : null,
    references: sequence.references.map((r) => ({
      package: orNull(r.package),
      program: orNull(r.program),
      application: orNull(r.application),
      attributes: otherAttributes(r.element, ['package', 'program', 'application']),
    })),
    globalVarList: sequence.globalVarList ? otherAttributes(sequence.globalVarList, []) : null,
    globalVariables: sequence.globalVariables.map(variable),
    steps: sequence.steps.map(stepOrGroup),
  };
}

function orNull(value: string | undefined): Json {
  return value ?? null;
}

/** `[name, value]` of the attributes the model has no field for, in source order. */
function otherAttributes(element: XmlElement, typed: readonly string[]): Json {
  return element.attributes.filter((a) => !typed.includes(a.name)).map((a) => [a.name, a.value]);
}

function variable(binding: VariableBinding): Json {
  return {
    name: binding.name,
    property: orNull(binding.property),
    hidden: binding.hidden,
    value: binding.value,
    attributes: otherAttributes(binding.element, ['name', 'property', 'hidden']),
  };
}

const COMMON_TYPED = ['name', 'description', 'disable', 'continueOnError'];

function stepOrGroup(node: StepOrGroup): Json {
  const common = {
    name: orNull(node.name),
    description: orNull(node.description),
    enabled: node.enabled,
    continueOnError: node.continueOnError,
    condition: condition(node.condition),
  };
  // Groups have no action in the model, but MDT's empty <action/> is part of what is written.
  const action = node.kind === 'group' ? node.element.children.find((c) => c.name === 'action') : node.action;
  if (node.kind === 'group') {
    return {
      kind: 'group',
      ...common,
      attributes: otherAttributes(node.element, COMMON_TYPED),
      action: action ? action.text : null,
      steps: node.steps.map(stepOrGroup),
    };
  }
  return {
    kind: node.isSubTaskSequence ? 'subtasksequence' : 'step',
    type: orNull(node.type),
    ...common,
    runIn: orNull(node.runIn),
    successCodeList: orNull(node.successCodeList),
    attributes: otherAttributes(node.element, ['type', ...COMMON_TYPED, 'runIn', 'successCodeList']),
    action: action ? action.text : null,
    defaultVarList: node.defaultVarList ? otherAttributes(node.defaultVarList, []) : null,
    variables: node.variables.map(variable),
  };
}

function condition(node: ConditionNode | undefined): Json {
  return node ? { attributes: otherAttributes(node.element, []), operands: node.operands.map(operand) } : null;
}

function operand(node: ConditionOperand): Json {
  switch (node.kind) {
    case 'expression':
      return expression(node);
    case 'operator':
      return {
        kind: 'operator',
        type: orNull(node.type),
        attributes: otherAttributes(node.element, ['type']),
        operands: node.operands.map(operand),
      };
    case 'osConditionGroup':
      return {
        kind: 'osConditionGroup',
        type: orNull(node.type),
        attributes: otherAttributes(node.element, ['type']),
        groups: node.groups.map(osExpressionGroup),
      };
  }
}

function expression(node: ExpressionNode): Json {
  return {
    kind: 'expression',
    type: orNull(node.type),
    attributes: otherAttributes(node.element, ['type']),
    properties: node.properties.map((p) => ({ name: p.name, value: p.value, attributes: otherAttributes(p.element, ['name']) })),
  };
}

function osExpressionGroup(node: OsExpressionGroupNode): Json {
  return {
    name: orNull(node.name),
    attributes: otherAttributes(node.element, ['name']),
    // The platform is not typed in the model yet; the serializer copies <platformKey> and must keep it.
    platformKeys: node.element.children.filter((c) => c.name === 'platformKey').map((c) => otherAttributes(c, [])),
    expressions: node.expressions.map(expression),
  };
}
