// Conditions: the shape of <condition> / <operator> / <osConditionGroup> trees and the content of
// every <expression>, read against the catalog's expression kinds (their properties, when each is
// required, the operator values of each kind). A condition the engine cannot evaluate the way the
// admin meant silently skips or runs the step, so these are mostly errors; spellings that differ
// only by case are warnings with a fix, never errors (the engine probably compares without case),
// and the one real files use (`Equals`, written by Microsoft's own MDT templates) is information.
//
// Codes:
//   multiple-conditions           warning   a step or group with more than one <condition>
//   empty-condition               warning   <condition> with nothing in it (hint in MDT files: the Workbench leaves them)
//   empty-operator                warning   and/or/not with nothing in it
//   invalid-operator-type         error     <operator type> other than and / or / not
//   not-multiple-operands         information  `not` with several children means "none of these is true"
//   os-condition-group-type       error     <osConditionGroup type> other than or
//   empty-os-condition            warning   <osConditionGroup> without platforms, <osExpressionGroup> without expressions
//   unknown-expression-type       error     <expression type> that is not a condition kind (of this flavor)
//   unknown-condition-property    warning   <variable name> a kind does not have
//   duplicate-condition-property  warning   the same property twice in one expression
//   missing-condition-property    error     a property the kind (or its operator) requires is missing or empty
//   ignored-condition-value       warning   a value the operator ignores (a Value with exists, a Version without VersionOperator)
//   invalid-condition-operator    error     an operator value the kind does not have
//   nonexists-operator            warning   `nonExists` (the SDK page's typo) instead of `notExists`
//   condition-casing              warning   a name or value that differs from the documented one only by case
//                                           (information for the catalog's observed spellings: MDT's `Equals`)
//   invalid-condition-value       error     another enumerated value (Registry Type) that is not allowed
//   condition-value-too-long      error     longer than the provider accepts (WMI query, registry value name)
//   invalid-guid                  error     a product or upgrade code that is not {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}
//   registry-hive-abbreviation    warning   KeyPath starting HKLM\ etc., which the console never writes
//   unknown-registry-hive         error     KeyPath that does not start with a registry hive
//   wmi-namespace                 warning   Namespace not under root\
//   wmi-query-syntax              warning   Query that is not a WQL SELECT / ASSOCIATORS OF / REFERENCES OF
//   invalid-variable-name         warning   a condition's variable name that breaks the naming rules
//   array-variable-without-index  warning   an array variable (OSDAdapter…) tested without its index

import { allExpressionKinds, getExpressionKind, getOperator, getVariable, OPERATORS, suggestNearest } from '../catalog';
import type { ExpressionKindInfo, ExpressionPropertyInfo } from '../catalog/types';
import type {
  ConditionNode,
  ConditionOperand,
  ExpressionNode,
  ExpressionProperty,
  OperatorNode,
  OsConditionGroupNode,
  Problem,
  Span,
  StepOrGroup,
  TaskSequenceDocument,
  XmlAttribute,
  XmlElement,
} from '../model';
import { attribute } from '../model';
import { CONDITION_PROPERTY_ROLES, OPERATOR_MISSPELLINGS, REGISTRY_HIVES, VARIABLE_NAME_RULES } from './data/conventions';
import type { CheckContext } from './index';
import { elementDeletionSpan, indentationOf, textValueSpan } from './spanHelpers';
import { findIgnoringCase, stepLabel } from './stepSupport';

const GUID = /^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/;
const BARE_GUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
const WQL = /^\s*(?:select\s[\s\S]*?\sfrom\s+\S|associators\s+of\s|references\s+of\s)/i;
const WMI_NAMESPACE = /^(?:\\\\[^\\/]+[\\/])?root(?:[\\/]|$)/i;

export function checkConditions({ document, index }: CheckContext): Problem[] {
  if (!document.sequence) {
    return [];
  }
  const checker = new ConditionChecker(document);
  const nodes = index.nodes;
  for (let i = 0; i < nodes.length; i++) {
    checker.checkStep(nodes[i]);
  }
  return checker.problems;
}

/** The `type` values of <operator>. */
const OPERATOR_TYPES: readonly string[] = OPERATORS.map((o) => o.type);

class ConditionChecker {
  readonly problems: Problem[] = [];
  private readonly text: string;
  /** The condition kinds this document can use (MDT-only kinds only in MDT documents). */
  private readonly usableKinds: readonly ExpressionKindInfo[];

  constructor(private readonly document: TaskSequenceDocument) {
    this.text = document.text;
    this.usableKinds = allExpressionKinds().filter((k) => k.flavor === 'configmgr' || document.flavor === 'mdt');
  }

  checkStep(node: StepOrGroup): void {
    for (let index = 0; index < node.conditions.length; index++) {
      const condition = node.conditions[index];
      if (index > 0) {
        this.problems.push({
          code: 'multiple-conditions',
          severity: 'warning',
          message: `${capitalize(stepLabel(node))} has ${node.conditions.length} <condition> elements; a step or group has one condition, and ConfigMgr reads only one of them. Move these conditions into the first <condition> (its children must all be true).`,
          span: condition.element.nameSpan,
          related: [{ span: node.conditions[0].element.nameSpan, message: 'The first <condition>' }],
        });
      }
      this.checkCondition(condition);
    }
  }

  private checkCondition(condition: ConditionNode): void {
    if (condition.operands.length === 0 && condition.element.children.length === 0) {
      // The MDT Workbench leaves <condition /> behind when the last condition is removed: harmless there.
      this.problems.push({
        code: 'empty-condition',
        severity: this.document.flavor === 'mdt' ? 'hint' : 'warning',
        message: 'This <condition> is empty: it tests nothing, so the step runs as if it had no condition. Add an expression to it or remove it.',
        span: condition.element.nameSpan,
        data: { deleteSpan: elementDeletionSpan(this.text, condition.element) },
      });
    }
    this.checkOperands(condition.operands);
  }

  private checkOperands(operands: readonly ConditionOperand[]): void {
    for (let i = 0; i < operands.length; i++) {
      this.checkOperand(operands[i]);
    }
  }

  private checkOperand(operand: ConditionOperand): void {
    switch (operand.kind) {
      case 'operator':
        this.checkOperator(operand);
        break;
      case 'osConditionGroup':
        this.checkOsConditionGroup(operand);
        break;
      case 'expression':
        this.checkExpression(operand);
        break;
    }
  }

  // -------------------------------------------------------------------------------------------
  // and / or / not

  private checkOperator(operator: OperatorNode): void {
    const type = attribute(operator.element, 'type');
    const label = operator.type === undefined ? undefined : getOperator(operator.type.toLowerCase())?.editorLabel;
    if (type && !OPERATOR_TYPES.includes(type.value)) {
      const lower = type.value.toLowerCase();
      const sameCase = OPERATOR_TYPES.includes(lower) ? lower : undefined;
      if (sameCase) {
        this.casing(type.valueSpan, `The operator type "${type.value}" should be written "${sameCase}" (${label}).`, sameCase);
      } else {
        const suggestions = suggestNearest(OPERATOR_TYPES, type.value);
        this.problems.push({
          code: 'invalid-operator-type',
          severity: 'error',
          message: `"${type.value}" is not an operator type: use and ("If all conditions are true"), or ("If any") or not ("If none").${didYouMean(suggestions)}`,
          span: type.value === '' ? type.span : type.valueSpan,
          data: { replacements: suggestions.length ? suggestions : [...OPERATOR_TYPES] },
        });
      }
    }
    if (operator.operands.length === 0 && operator.element.children.length === 0) {
      this.problems.push({
        code: 'empty-operator',
        severity: 'warning',
        message: `This "${label ?? operator.type ?? 'operator'}" group has no conditions in it, so it tests nothing. Add conditions to it or remove it.`,
        span: operator.element.nameSpan,
        data: { deleteSpan: elementDeletionSpan(this.text, operator.element) },
      });
    }
    if (operator.type === 'not' && operator.operands.length > 1 && type) {
      this.problems.push({
        code: 'not-multiple-operands',
        severity: 'information',
        message: `"not" ("If none of the conditions are true") with ${operator.operands.length} conditions is true only when none of them is true: NOT (A OR B …), not NOT (A AND B …).`,
        span: type.valueSpan,
      });
    }
    this.checkOperands(operator.operands);
  }

  // -------------------------------------------------------------------------------------------
  // Operating System Version

  private checkOsConditionGroup(group: OsConditionGroupNode): void {
    const type = attribute(group.element, 'type');
    if (type && type.value !== 'or') {
      if (type.value.toLowerCase() === 'or') {
        this.casing(type.valueSpan, `The operating system condition's type "${type.value}" should be written "or".`, 'or');
      } else {
        this.problems.push({
          code: 'os-condition-group-type',
          severity: 'error',
          message: `An operating system version condition (<osConditionGroup>) only supports type="or" (any of the listed platforms), not "${type.value}".`,
          span: type.value === '' ? type.span : type.valueSpan,
          data: { replacements: ['or'] },
        });
      }
    }
    if (group.groups.length === 0 && !group.element.children.some((c) => c.name === 'osExpressionGroup')) {
      this.problems.push({
        code: 'empty-os-condition',
        severity: 'warning',
        message: 'This operating system version condition lists no platform (<osExpressionGroup>), so it tests nothing. Add a platform or remove it.',
        span: group.element.nameSpan,
        data: { deleteSpan: elementDeletionSpan(this.text, group.element) },
      });
    }
    for (let i = 0; i < group.groups.length; i++) {
      const platform = group.groups[i];
      if (platform.expressions.length === 0) {
        this.problems.push({
          code: 'empty-os-condition',
          severity: 'warning',
          message: `The platform ${platform.name ? `"${platform.name}" ` : ''}has no WMI expression, so it cannot be evaluated. Each <osExpressionGroup> needs at least one <expression>.`,
          span: platform.element.nameSpan,
        });
      }
      for (let j = 0; j < platform.expressions.length; j++) {
        this.checkExpression(platform.expressions[j]);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Expressions

  private checkExpression(expression: ExpressionNode): void {
    const kind = this.resolveKind(expression);
    if (!kind) {
      return;
    }
    const given = this.groupProperties(expression, kind);
    const properties = kind.properties;
    for (let slot = 0; slot < properties.length; slot++) {
      const info = properties[slot];
      const present = given[slot];
      this.checkRequirement(expression, kind, info, present, given);
      if (present) {
        this.checkValue(kind, info, present);
      }
    }
  }

  /** The expression's kind, or undefined (after reporting) when it is not one this document can use. */
  private resolveKind(expression: ExpressionNode): ExpressionKindInfo | undefined {
    if (expression.type === undefined) {
      return undefined; // the structure check reports the missing attribute
    }
    const exact = getExpressionKind(expression.type);
    if (exact && this.usableKinds.includes(exact)) {
      return exact;
    }
    return this.unusableKind(expression, exact);
  }

  /** resolveKind for a type this document cannot use as written: reports it, and returns the kind a letter-case slip meant. */
  private unusableKind(expression: ExpressionNode, exact: ExpressionKindInfo | undefined): ExpressionKindInfo | undefined {
    const usable = this.usableKinds;
    const type = attribute(expression.element, 'type')!; // the model reads `type` from it
    const span = type.value === '' ? type.span : type.valueSpan;
    if (exact) {
      this.problems.push({
        code: 'unknown-expression-type',
        severity: 'error',
        message: `${type.value} is an MDT Lite Touch condition (${exact.editorName}); ConfigMgr does not know it and cannot import this task sequence. Use an equivalent ConfigMgr condition.`,
        span,
      });
      return undefined;
    }
    const sameCase = usable.find((k) => k.className.toLowerCase() === type.value.toLowerCase());
    if (sameCase) {
      this.casing(span, `The condition type "${type.value}" should be written "${sameCase.className}".`, sameCase.className);
      return sameCase;
    }
    const suggestions = suggestNearest(
      usable.map((k) => k.className),
      type.value,
    );
    this.problems.push({
      code: 'unknown-expression-type',
      severity: 'error',
      message: `"${type.value}" is not a condition type.${didYouMean(suggestions)} Condition types: ${usable.map((k) => `${k.className} (${k.editorName.replace(/ \(.*\)$/, '')})`).join(', ')}.`,
      span,
      data: suggestions.length ? { replacements: suggestions } : undefined,
    });
    return undefined;
  }

  /**
   * The expression's first <variable> for each of the kind's properties (only the first one
   * applies); reports unknown, miscased and repeated ones.
   */
  private groupProperties(expression: ExpressionNode, kind: ExpressionKindInfo): GivenProperties {
    const given: GivenProperties = new Array<ExpressionProperty | undefined>(kind.properties.length);
    const properties = expression.properties;
    for (let i = 0; i < properties.length; i++) {
      const property = properties[i];
      if (property.name === '' && !attribute(property.element, 'name')) {
        continue; // the structure check reports the missing attribute
      }
      let slot = propertySlot(kind, property.name);
      if (slot < 0) {
        slot = propertySlotIgnoringCase(kind, property.name);
        if (slot >= 0) {
          const written = kind.properties[slot].name;
          this.casing(nameAttributeOf(property).valueSpan, `The ${kind.editorName} condition property "${property.name}" should be written "${written}".`, written);
        } else {
          const names = kind.properties.map((p) => p.name);
          const suggestions = suggestNearest(names, property.name);
          this.problems.push({
            code: 'unknown-condition-property',
            severity: 'warning',
            message: `A ${kind.editorName} condition has no property "${property.name}"; it is ignored.${didYouMean(suggestions)} Its properties: ${names.join(', ')}.`,
            span: property.name === '' ? nameAttributeOf(property).span : nameAttributeOf(property).valueSpan,
            data: suggestions.length ? { replacements: suggestions } : undefined,
          });
          continue;
        }
      }
      const info = kind.properties[slot];
      const first = given[slot];
      if (first) {
        this.problems.push({
          code: 'duplicate-condition-property',
          severity: 'warning',
          message: `"${info.name}" is given twice in this condition; only one value can apply. Remove one of them.`,
          span: nameAttributeOf(property).valueSpan,
          related: [{ span: first.element.nameSpan, message: `The first "${info.name}"` }],
          data: { deleteSpan: elementDeletionSpan(this.text, property.element) },
        });
      } else {
        given[slot] = property;
      }
    }
    return given;
  }

  private checkRequirement(
    expression: ExpressionNode,
    kind: ExpressionKindInfo,
    info: ExpressionPropertyInfo,
    present: ExpressionProperty | undefined,
    given: GivenProperties,
  ): void {
    const value = present?.value.trim();
    const has = value !== undefined && value !== '';
    const required = info.required;
    switch (required.kind) {
      case 'always':
        if (!present) {
          this.missing(expression, kind, info.name, `A ${kind.editorName} condition needs "${info.name}".`);
        } else if (!has) {
          this.emptyProperty(present, kind, info.name);
        }
        break;
      case 'whenSet': {
        const other = firstValue(kind, given, required.other);
        if (other !== undefined && other !== '' && !has) {
          const message = `"${required.other}" is set, so "${info.name}" is needed: without it there is nothing to compare with.`;
          if (present) {
            this.emptyProperty(present, kind, info.name, message);
          } else {
            this.missing(expression, kind, info.name, message);
          }
        }
        break;
      }
      case 'whenEquals': {
        const other = firstValue(kind, given, required.other);
        if (other === undefined || other === '') {
          break;
        }
        const applies = findIgnoringCase(required.values, other) !== undefined;
        if (applies && !present) {
          this.missing(expression, kind, info.name, `The operator "${other}" needs "${info.name}" to compare with.`);
        } else if (!applies && has && present && info.type !== 'guid' && isKnownValue(kind, required.other, other)) {
          this.problems.push({
            code: 'ignored-condition-value',
            severity: 'warning',
            message: `"${info.name}" is ignored with the operator "${other}", which takes no value to compare with. Remove it, or use a comparison operator if a comparison was meant.`,
            span: attribute(present.element, 'name')?.valueSpan ?? present.element.nameSpan,
            data: { deleteSpan: elementDeletionSpan(this.text, present.element) },
          });
        }
        break;
      }
      case 'unlessSet':
        if (!has && noneSet(kind, given, required.others)) {
          this.missing(expression, kind, info.name, `A ${kind.editorName} condition needs "${info.name}" (or ${required.others.join(' / ')}).`);
        }
        break;
      case 'never':
        break;
    }
    // The other half of an operand/operator pair: a Version without VersionOperator is not compared.
    // (Skipped when the catalog already makes the pair mutual: the other property's own
    // requirement then reports it as missing.)
    if (has && present) {
      const other = required.kind === 'whenSet' ? propertyNamed(kind, required.other) : undefined;
      const mutual = other?.required.kind === 'whenSet' && other.required.other === info.name;
      if (required.kind === 'whenSet' && !mutual && !firstValue(kind, given, required.other)) {
        this.problems.push({
          code: 'ignored-condition-value',
          severity: 'warning',
          message: `"${info.name}" is ignored without "${required.other}": the condition only tests that the ${kind.properties.some((p) => p.name === 'Path') ? 'path exists' : 'item exists'}. Add "${required.other}" or remove "${info.name}".`,
          span: attribute(present.element, 'name')?.valueSpan ?? present.element.nameSpan,
          data: { deleteSpan: elementDeletionSpan(this.text, present.element) },
        });
      }
    }
  }

  private checkValue(kind: ExpressionKindInfo, info: ExpressionPropertyInfo, property: ExpressionProperty): void {
    const value = property.value.trim();
    if (value === '') {
      return;
    }
    // The span of the value goes into problems only, so it is worked out only for one.
    const element = property.element;
    if (info.values) {
      this.checkEnum(kind, info, value, element);
    }
    if (info.maxLength !== undefined && property.value.length > info.maxLength) {
      this.problems.push({
        code: 'condition-value-too-long',
        severity: 'error',
        message: `"${info.name}" is ${property.value.length} characters long; ConfigMgr accepts at most ${info.maxLength}.`,
        span: attribute(element, 'name')?.valueSpan ?? this.valueSpan(element),
      });
    }
    if (info.type === 'guid' && !GUID.test(value)) {
      const fixed = BARE_GUID.test(value) ? `{${value}}` : undefined;
      this.problems.push({
        code: 'invalid-guid',
        severity: 'error',
        message: `"${info.name}" must be a GUID in braces, like {12345678-90AB-CDEF-1234-567890ABCDEF}, not "${value}".`,
        span: this.valueSpan(element),
        data: fixed ? { replacements: [fixed] } : undefined,
      });
    }
    this.checkRole(kind, info, value, element);
  }

  /** The characters of a property's value (see textValueSpan). */
  private valueSpan(element: XmlElement): Span {
    return textValueSpan(this.text, element);
  }

  private checkEnum(kind: ExpressionKindInfo, info: ExpressionPropertyInfo, value: string, element: XmlElement): void {
    const values = documentedValues(info);
    if (values.includes(value)) {
      return;
    }
    const observed = info.nonCanonicalValues ?? [];
    const span = this.valueSpan(element);
    const intended = OPERATOR_MISSPELLINGS[value];
    if (intended !== undefined && values.includes(intended)) {
      this.problems.push({
        code: 'nonexists-operator',
        severity: 'warning',
        message: `"${value}" is a misspelling (it appears on the SDK page) of "${intended}"; the console writes "${intended}". Use "${intended}".`,
        span,
        data: { replacements: [intended] },
      });
      return;
    }
    const sameCase = findIgnoringCase(values, value);
    if (sameCase) {
      // Spellings real, working files use (Microsoft's own MDT templates write `Equals`) are only noted.
      const seen = observed.includes(value);
      this.problems.push({
        code: 'condition-casing',
        severity: seen ? 'information' : 'warning',
        message: seen
          ? `"${value}" works (MDT writes it), but the documented spelling is "${sameCase}".`
          : `"${value}" should be written "${sameCase}", the spelling the console writes and the documentation gives.`,
        span,
        data: { replacements: [sameCase] },
      });
      return;
    }
    const suggestions = suggestNearest(values, value);
    const isOperator = /operator$/i.test(info.name);
    this.problems.push({
      code: isOperator ? 'invalid-condition-operator' : 'invalid-condition-value',
      severity: 'error',
      message: `"${value}" is not a valid ${info.name} for a ${kind.editorName} condition.${didYouMean(suggestions)} Allowed: ${values.join(', ')}.`,
      span,
      data: { replacements: suggestions.length ? suggestions : [...values] },
    });
  }

  /** Checks that depend on what a property holds: a registry key, a WMI namespace or query, a variable name. */
  private checkRole(kind: ExpressionKindInfo, info: ExpressionPropertyInfo, value: string, element: XmlElement): void {
    if (hasRole(kind, info, CONDITION_PROPERTY_ROLES.registryKeyPath)) {
      this.checkKeyPath(value, element);
    } else if (hasRole(kind, info, CONDITION_PROPERTY_ROLES.wmiNamespace)) {
      if (!WMI_NAMESPACE.test(value) && !value.startsWith('%')) {
        this.problems.push({
          code: 'wmi-namespace',
          severity: 'warning',
          message: `The WMI namespace "${value}" does not start with root\\; WMI namespaces do (for example root\\cimv2), so the query cannot run.`,
          span: this.valueSpan(element),
          data: /^cimv2$/i.test(value) ? { replacements: ['root\\cimv2'] } : undefined,
        });
      }
    } else if (hasRole(kind, info, CONDITION_PROPERTY_ROLES.wmiQuery)) {
      if (!WQL.test(value)) {
        this.problems.push({
          code: 'wmi-query-syntax',
          severity: 'warning',
          message: 'This WMI query is not a WQL query (SELECT … FROM <class> …): the condition is false whenever the query fails.',
          span: this.valueSpan(element),
        });
      }
    } else if (hasRole(kind, info, CONDITION_PROPERTY_ROLES.variableName)) {
      this.checkVariableName(value, element);
    }
  }

  private checkKeyPath(value: string, element: XmlElement): void {
    if (value.startsWith('%')) {
      return; // the hive comes from a variable
    }
    const token = /^[^\\/]*/.exec(value)?.[0] ?? '';
    const upper = token.toUpperCase();
    if (REGISTRY_HIVES.some((h) => h.full === upper)) {
      return;
    }
    const abbreviated = REGISTRY_HIVES.find((h) => h.abbreviation === upper || `${h.abbreviation}:` === upper);
    const span = this.valueSpan(element);
    const tokenSpan = span.end - span.start === value.length ? { start: span.start, end: span.start + token.length } : span;
    if (abbreviated) {
      this.problems.push({
        code: 'registry-hive-abbreviation',
        severity: 'warning',
        message: `The console writes the registry hive in full: "${abbreviated.full}", not "${token}". The abbreviation may not be recognised when the condition is evaluated.`,
        span: tokenSpan,
        data: tokenSpan === span ? { replacements: [abbreviated.full + value.slice(token.length)] } : { replacements: [abbreviated.full] },
      });
      return;
    }
    const console = REGISTRY_HIVES.filter((h) => h.console).map((h) => h.full);
    const suggestions = suggestNearest(console, token);
    this.problems.push({
      code: 'unknown-registry-hive',
      severity: 'error',
      message: `The registry key path must start with a hive (${console.join(', ')}), not "${token}".${didYouMean(suggestions)}`,
      span: tokenSpan,
      data: suggestions.length && tokenSpan !== span ? { replacements: suggestions } : undefined,
    });
  }

  private checkVariableName(value: string, element: XmlElement): void {
    const wrapped = /^%([^%]+)%$/.exec(value);
    if (wrapped) {
      this.problems.push({
        code: 'invalid-variable-name',
        severity: 'warning',
        message: `A variable condition names the variable without percent signs: "${wrapped[1]}", not "${value}". With them, the value of ${wrapped[1]} is taken as the name.`,
        span: this.valueSpan(element),
        data: { replacements: [wrapped[1]] },
      });
      return;
    }
    const reason = variableNameProblem(value, false);
    if (reason) {
      this.problems.push({
        code: 'invalid-variable-name',
        severity: 'warning',
        message: `"${value}" cannot be a task sequence variable name: ${reason}. The condition tests a variable that cannot exist.`,
        span: this.valueSpan(element),
        data: value.trim() !== value || /\s/.test(value) ? { replacements: [value.replace(/\s+/g, '')] } : undefined,
      });
      return;
    }
    const variable = getVariable(value);
    if (variable?.array) {
      const items = variable.arrayItems ? Object.keys(variable.arrayItems) : [];
      const example = `${variable.name}0${items[0] ?? ''}`;
      this.problems.push({
        code: 'array-variable-without-index',
        severity: 'warning',
        message: `${variable.name} is an array variable: its values are ${variable.name}0…, ${variable.name}1… (for example ${example}). Name the element to test.`,
        span: this.valueSpan(element),
      });
    }
  }

  // -------------------------------------------------------------------------------------------

  private missing(expression: ExpressionNode, kind: ExpressionKindInfo, name: string, message: string): void {
    this.problems.push({
      code: 'missing-condition-property',
      severity: 'error',
      message: `${message} Add <variable name="${name}">…</variable> to this ${kind.editorName} condition.`,
      span: expression.element.nameSpan,
      data: this.insertProperty(expression, name),
    });
  }

  private emptyProperty(property: ExpressionProperty, kind: ExpressionKindInfo, name: string, message?: string): void {
    this.problems.push({
      code: 'missing-condition-property',
      severity: 'error',
      message: message ?? `"${name}" is empty; a ${kind.editorName} condition needs a value for it.`,
      span: attribute(property.element, 'name')?.valueSpan ?? property.element.nameSpan,
    });
  }

  private insertProperty(expression: ExpressionNode, name: string): { insertText: string; insertAt: number } | undefined {
    const element = expression.element;
    if (element.selfClosing) {
      return undefined;
    }
    const last = element.children[element.children.length - 1];
    const line = `<variable name="${name}"></variable>`;
    if (last) {
      const indent = indentationOf(this.text, last);
      return { insertText: indent ? `${lineBreak(this.text)}${indent}${line}` : line, insertAt: last.span.end };
    }
    return { insertText: line, insertAt: element.startTag.end };
  }

  private casing(span: Span, message: string, replacement: string): void {
    this.problems.push({ code: 'condition-casing', severity: 'warning', message, span, data: { replacements: [replacement] } });
  }
}

/**
 * Why `name` cannot be a task sequence variable name, or undefined. `writing`: the name is set by
 * the task sequence, so it must also start with a letter (names starting with `_` are the engine's).
 */
export function variableNameProblem(name: string, writing: boolean): string | undefined {
  if (name.length > VARIABLE_NAME_RULES.maxLength) {
    return `it is ${name.length} characters long, and names have at most ${VARIABLE_NAME_RULES.maxLength}`;
  }
  if (/\s/.test(name)) {
    return 'names cannot contain spaces';
  }
  if (!VARIABLE_NAME_RULES.characters.test(name)) {
    const bad = [...new Set([...name].filter((c) => !/[A-Za-z0-9_-]/.test(c)))].map((c) => `"${c}"`).join(', ');
    return `names contain only letters, digits, "_" and "-" (not ${bad})`;
  }
  if (writing && !name.startsWith(VARIABLE_NAME_RULES.reservedPrefix) && !VARIABLE_NAME_RULES.userDefinedStart.test(name)) {
    return 'the name of a variable you set must start with a letter';
  }
  return undefined;
}

/** The `name` attribute of a condition property that has one (the model reads `name` from it; a missing one reads as ""). */
function nameAttributeOf(property: ExpressionProperty): XmlAttribute {
  return attribute(property.element, 'name')!;
}

/** A condition property in the role `role` (CONDITION_PROPERTY_ROLES). */
interface PropertyRole {
  readonly kind: string;
  readonly property: string;
}

function hasRole(kind: ExpressionKindInfo, info: ExpressionPropertyInfo, role: PropertyRole): boolean {
  return role.kind === kind.className && role.property === info.name;
}

/**
 * The <variable> an expression gives for each property of its kind, index for index with
 * `kind.properties`: an array the size of the kind rather than a map per expression, which was most
 * of what this family allocated.
 */
type GivenProperties = (ExpressionProperty | undefined)[];

// Lookups as loops rather than find() with a closure: they run for every condition property, and a
// closure over their argument would cost each call an allocation.

/** The index in `kind.properties` of the property `name`, or -1. */
function propertySlot(kind: ExpressionKindInfo, name: string): number {
  const properties = kind.properties;
  for (let i = 0; i < properties.length; i++) {
    if (properties[i].name === name) {
      return i;
    }
  }
  return -1;
}

function propertySlotIgnoringCase(kind: ExpressionKindInfo, name: string): number {
  const wanted = name.toLowerCase();
  const properties = kind.properties;
  for (let i = 0; i < properties.length; i++) {
    if (properties[i].name.toLowerCase() === wanted) {
      return i;
    }
  }
  return -1;
}

function propertyNamed(kind: ExpressionKindInfo, name: string): ExpressionPropertyInfo | undefined {
  const slot = propertySlot(kind, name);
  return slot < 0 ? undefined : kind.properties[slot];
}

/** True when none of the properties `names` has a value. */
function noneSet(kind: ExpressionKindInfo, given: GivenProperties, names: readonly string[]): boolean {
  for (let i = 0; i < names.length; i++) {
    if (firstValue(kind, given, names[i])) {
      return false;
    }
  }
  return true;
}

function firstValue(kind: ExpressionKindInfo, given: GivenProperties, name: string): string | undefined {
  const slot = propertySlot(kind, name);
  return slot < 0 ? undefined : given[slot]?.value.trim();
}

const documented = new Map<ExpressionPropertyInfo, readonly string[]>();

/** The values of an enumerated condition property less the spellings only seen in real files, worked out once per property. */
function documentedValues(info: ExpressionPropertyInfo): readonly string[] {
  let values = documented.get(info);
  if (!values) {
    const observed = info.nonCanonicalValues ?? [];
    values = (info.values ?? []).filter((v) => !observed.includes(v));
    documented.set(info, values);
  }
  return values;
}

/** True when `value` is one of the values the kind's `property` takes (case aside). */
function isKnownValue(kind: ExpressionKindInfo, property: string, value: string): boolean {
  const values = propertyNamed(kind, property)?.values;
  return values !== undefined && findIgnoringCase(values, value) !== undefined;
}

function didYouMean(suggestions: readonly string[]): string {
  return suggestions.length ? ` Did you mean "${suggestions[0]}"?` : '';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lineBreak(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
