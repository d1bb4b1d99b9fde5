// Conditions in plain English, the way the console's Options tab reads them: "Runs when
// _SMSTSInWinPE equals false and any of: (…)". Used by hover (in full) and by the outline (as a
// one-line summary). Rendering is driven by the properties an expression carries, so a kind the
// catalog adds later still reads sensibly.

import { getExpressionKind } from '../catalog';
import type { ConditionNode, ConditionOperand, ExpressionNode, OperatorNode, OsConditionGroupNode } from '../model';
import { code, escapeMarkdown } from './markup';

/** How the comparison operators read in a sentence (matched case-insensitively). */
const COMPARISONS: Readonly<Record<string, string>> = {
  exists: 'exists',
  notexists: 'does not exist',
  nonexists: 'does not exist',
  equals: 'equals',
  notequals: 'does not equal',
  less: 'is less than',
  lessequal: 'is at most',
  greater: 'is greater than',
  greaterequal: 'is at least',
  like: 'is like',
  notlike: 'is not like',
};

const QUANTIFIERS: Readonly<Record<string, string>> = {
  and: 'all of',
  or: 'any of',
  not: 'none of',
};

/** "Runs when …" for a whole `<condition>` (markdown). */
export function describeCondition(condition: ConditionNode): string {
  if (condition.operands.length === 0) {
    return 'The condition is empty: it has nothing to test.';
  }
  return `Runs when ${condition.operands.map(describeOperand).join(' and ')}`;
}

export function describeOperand(operand: ConditionOperand): string {
  switch (operand.kind) {
    case 'expression':
      return describeExpression(operand);
    case 'operator':
      return describeOperator(operand);
    case 'osConditionGroup':
      return describeOsConditionGroup(operand);
  }
}

function describeOperator(operator: OperatorNode): string {
  const type = (operator.type ?? '').toLowerCase();
  const quantifier = QUANTIFIERS[type] ?? `${escapeMarkdown(operator.type ?? '(no type)')} of`;
  if (operator.operands.length === 0) {
    return `${quantifier}: (nothing)`;
  }
  if (operator.operands.length === 1 && type !== 'not') {
    return describeOperand(operator.operands[0]);
  }
  return `${quantifier}: (${operator.operands.map(describeOperand).join('; ')})`;
}

function describeOsConditionGroup(group: OsConditionGroupNode): string {
  const names = group.groups.map((g) => (g.name ? escapeMarkdown(g.name) : '(unnamed platform)'));
  return names.length ? `the operating system is one of: ${names.join(', ')}` : 'the operating system is (no platform listed)';
}

function property(expression: ExpressionNode, name: string): string | undefined {
  const found = expression.properties.find((p) => p.name.toLowerCase() === name.toLowerCase());
  return found?.value.trim();
}

function comparison(operator: string | undefined): string {
  if (operator === undefined || operator === '') {
    return 'is compared (no operator)';
  }
  return COMPARISONS[operator.toLowerCase()] ?? escapeMarkdown(operator);
}

function compare(subject: string, operator: string | undefined, value: string | undefined): string {
  const phrase = comparison(operator);
  const unary = operator !== undefined && /^(not|non)?exists$/i.test(operator);
  return unary || value === undefined ? `${subject} ${phrase}` : `${subject} ${phrase} ${code(value)}`;
}

/** One expression as a clause. */
export function describeExpression(expression: ExpressionNode): string {
  const variable = property(expression, 'Variable');
  if (variable !== undefined) {
    return compare(code(variable), property(expression, 'Operator'), property(expression, 'Value'));
  }
  const query = property(expression, 'Query');
  if (query !== undefined) {
    const namespace = property(expression, 'Namespace');
    const where = namespace && namespace.toLowerCase() !== 'root\\cimv2' ? ` in ${code(namespace)}` : '';
    return `the WMI query ${code(query)}${where} returns something`;
  }
  const keyPath = property(expression, 'KeyPath');
  if (keyPath !== undefined) {
    return describeRegistry(expression, keyPath);
  }
  const path = property(expression, 'Path');
  if (path !== undefined) {
    return describePath(expression, path);
  }
  if (property(expression, 'ProductCode') !== undefined || property(expression, 'UpgradeCode') !== undefined) {
    return describeSoftware(expression);
  }
  const kind = expression.type ? getExpressionKind(expression.type) : undefined;
  const name = kind?.editorName ?? expression.type ?? 'an expression without a type';
  return `${escapeMarkdown(name)} holds`;
}

function describeRegistry(expression: ExpressionNode, keyPath: string): string {
  const valueName = property(expression, 'Value');
  const subject = `the registry value ${code(valueName ? `${keyPath}\\${valueName}` : keyPath)}`;
  return compare(subject, property(expression, 'Operator'), property(expression, 'Data'));
}

function describePath(expression: ExpressionNode, path: string): string {
  const kind = expression.type ? getExpressionKind(expression.type) : undefined;
  const noun = kind ? kind.editorName.replace(/\s*propert(y|ies)$/i, '').toLowerCase() : 'path';
  const clauses = [`the ${escapeMarkdown(noun)} ${code(path)} exists`];
  const version = property(expression, 'Version');
  if (version) {
    clauses.push(compare('its version', property(expression, 'VersionOperator'), version));
  }
  const timestamp = property(expression, 'DateTime');
  if (timestamp) {
    clauses.push(compare('its timestamp', property(expression, 'DateTimeOperator'), timestamp));
  }
  return clauses.join(' and ');
}

function describeSoftware(expression: ExpressionNode): string {
  const name = property(expression, 'ProductName');
  const product = name ? code(name) : 'the product';
  if ((property(expression, 'Operator') ?? '').toLowerCase() === 'anyversion') {
    const upgrade = property(expression, 'UpgradeCode');
    return `any version of ${product}${upgrade ? ` (upgrade code ${code(upgrade)})` : ''} is installed`;
  }
  const version = property(expression, 'Version');
  const productCode = property(expression, 'ProductCode');
  return `${product}${version ? ` ${code(version)}` : ''}${productCode ? ` (product code ${code(productCode)})` : ''} is installed`;
}
