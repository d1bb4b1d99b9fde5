// Object-model layer (the LoadFromXml side): turns the <sequence> element tree into
// SMS_TaskSequence nodes. Unknown or misplaced elements are left to the structure check; this
// layer only reads what it recognises, so a broken document still yields every step it can.

import type {
  ConditionNode,
  ConditionOperand,
  ExpressionNode,
  ExpressionProperty,
  GroupNode,
  OsConditionGroupNode,
  OsExpressionGroupNode,
  ReferenceNode,
  SequenceNode,
  StepNode,
  StepOrGroup,
  VariableBinding,
  XmlElement,
} from '../model';
import { attributeValue } from '../model';
import { exactSize } from '../util/arrays';

function isTrue(value: string | undefined): boolean {
  return value !== undefined && value.trim().toLowerCase() === 'true';
}

export function buildSequence(element: XmlElement): SequenceNode {
  let referenceList: XmlElement | undefined;
  let globalVarList: XmlElement | undefined;
  for (const child of element.children) {
    if (child.name === 'referenceList') {
      referenceList ??= child;
    } else if (child.name === 'globalVarList') {
      globalVarList ??= child;
    }
  }
  return {
    version: attributeValue(element, 'version'),
    name: attributeValue(element, 'name'),
    description: attributeValue(element, 'description'),
    referenceList,
    references: referenceList ? referenceList.children.filter((c) => c.name === 'reference').map(buildReference) : [],
    globalVarList,
    globalVariables: globalVarList ? buildBindings(globalVarList) : [],
    steps: buildSteps(element, undefined),
    element,
  };
}

function buildReference(element: XmlElement): ReferenceNode {
  return {
    package: attributeValue(element, 'package'),
    program: attributeValue(element, 'program'),
    application: attributeValue(element, 'application'),
    element,
  };
}

function buildBindings(list: XmlElement): VariableBinding[] {
  const bindings: VariableBinding[] = [];
  for (const child of list.children) {
    if (child.name === 'variable') {
      bindings.push({
        name: attributeValue(child, 'name') ?? '',
        property: attributeValue(child, 'property'),
        hidden: isTrue(attributeValue(child, 'hidden')),
        value: child.text,
        element: child,
      });
    }
  }
  return exactSize(bindings);
}

function buildSteps(container: XmlElement, parent: GroupNode | undefined): StepOrGroup[] {
  const steps: StepOrGroup[] = [];
  for (const child of container.children) {
    if (child.name === 'group') {
      steps.push(buildGroup(child, parent));
    } else if (child.name === 'step' || child.name === 'subtasksequence') {
      steps.push(buildStep(child, parent));
    }
  }
  return steps;
}

function buildConditions(element: XmlElement): ConditionNode[] {
  const conditions: ConditionNode[] = [];
  for (const child of element.children) {
    if (child.name === 'condition') {
      conditions.push({ operands: buildOperands(child), element: child });
    }
  }
  return exactSize(conditions);
}

function buildGroup(element: XmlElement, parent: GroupNode | undefined): GroupNode {
  const conditions = buildConditions(element);
  const steps: StepOrGroup[] = [];
  const group: GroupNode = {
    kind: 'group',
    name: attributeValue(element, 'name'),
    description: attributeValue(element, 'description'),
    enabled: !isTrue(attributeValue(element, 'disable')),
    continueOnError: isTrue(attributeValue(element, 'continueOnError')),
    condition: conditions[0],
    conditions,
    element,
    parent,
    steps,
  };
  // No spread: a group may hold a million steps, more than a call's arguments can.
  for (const step of buildSteps(element, group)) {
    steps.push(step);
  }
  return group;
}

function buildStep(element: XmlElement, parent: GroupNode | undefined): StepNode {
  const conditions = buildConditions(element);
  let action: XmlElement | undefined;
  let defaultVarList: XmlElement | undefined;
  for (const child of element.children) {
    if (child.name === 'action') {
      action ??= child;
    } else if (child.name === 'defaultVarList') {
      defaultVarList ??= child;
    }
  }
  return {
    kind: 'step',
    type: attributeValue(element, 'type'),
    isSubTaskSequence: element.name === 'subtasksequence',
    name: attributeValue(element, 'name'),
    description: attributeValue(element, 'description'),
    enabled: !isTrue(attributeValue(element, 'disable')),
    continueOnError: isTrue(attributeValue(element, 'continueOnError')),
    runIn: attributeValue(element, 'runIn'),
    successCodeList: attributeValue(element, 'successCodeList'),
    condition: conditions[0],
    conditions,
    action,
    defaultVarList,
    variables: defaultVarList ? buildBindings(defaultVarList) : [],
    element,
    parent,
  };
}

function buildOperands(container: XmlElement): ConditionOperand[] {
  const operands: ConditionOperand[] = [];
  for (const child of container.children) {
    const operand = buildOperand(child);
    if (operand) {
      operands.push(operand);
    }
  }
  return exactSize(operands);
}

function buildOperand(element: XmlElement): ConditionOperand | undefined {
  switch (element.name) {
    case 'expression':
      return buildExpression(element);
    case 'operator':
      return { kind: 'operator', type: attributeValue(element, 'type'), operands: buildOperands(element), element };
    case 'osConditionGroup':
      return buildOsConditionGroup(element);
    default:
      return undefined;
  }
}

function buildExpression(element: XmlElement): ExpressionNode {
  const properties: ExpressionProperty[] = [];
  for (const child of element.children) {
    if (child.name === 'variable') {
      properties.push({ name: attributeValue(child, 'name') ?? '', value: child.text, element: child });
    }
  }
  return { kind: 'expression', type: attributeValue(element, 'type'), properties: exactSize(properties), element };
}

function buildOsConditionGroup(element: XmlElement): OsConditionGroupNode {
  const groups: OsExpressionGroupNode[] = element.children
    .filter((c) => c.name === 'osExpressionGroup')
    .map((c) => ({
      kind: 'osExpressionGroup',
      name: attributeValue(c, 'name'),
      expressions: c.children.filter((e) => e.name === 'expression').map(buildExpression),
      element: c,
    }));
  return { kind: 'osConditionGroup', type: attributeValue(element, 'type'), groups, element };
}
