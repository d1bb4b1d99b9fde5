// Step properties: each `<defaultVarList><variable name= property=>` of a step sets one property of
// its class. The provider validates them against the MOF qualifiers (Not_Null, RequiredIfNull,
// ValueMap, ValueRange, AllowedLen) when the sequence is imported; the client reads them at run time.
//
// Codes:
//   missing-step-property    error    a required property (Not_Null, an either/or pair, a "when X" rule) is absent or empty;
//                            warning  when the requirement is only inferred or observed
//   invalid-property-value   error    a value outside the property's documented values, or not a number;
//                            warning  when the catalog only inferred the values
//   property-value-case      warning  a value that differs from an allowed one only in letter case
//   invalid-boolean          warning  a true/false property spelled otherwise
//   property-out-of-range    error    a number outside the documented range (warning when inferred)
//   property-too-long        error    a value longer than the documented limit (warning when inferred)
//   invalid-property-format  warning  a value that does not have the documented shape (UNC path, drive letter)
//   unknown-step-variable    warning  a variable that is not a property of the step's type
//   step-variable-mismatch   warning  a name and property= that belong to different properties
//   duplicate-step-variable  warning  the same variable twice in one step
//   deprecated-property      information  a deprecated property switched on (no effect on current Windows)

import { bindsVariable, suggestNearest } from '../catalog';
import type { PropertyInfo, StepTypeInfo } from '../catalog/types';
import type { Problem, Span, StepNode, TaskSequenceDocument, VariableBinding } from '../model';
import { attribute } from '../model';
import type { BindingProperties, DocumentIndex } from './documentIndex';
import type { CheckContext } from './index';
import { appendPoint, encodeForDocument, escapeXml, findIgnoringCase, isArrayItemOf, isConfigMgr, stepLabel, trimmedValueSpan, variableNameSpan, WHOLE_NUMBER } from './stepSupport';

export function checkStepProperties({ document, index }: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const configMgr = isConfigMgr(document);
  const numbers = new VariableNumbers(index);
  const steps = index.steps;
  for (let i = 0; i < steps.length; i++) {
    const node = steps[i];
    const type = index.stepType(node);
    if (type && index.fitsType(node)) {
      new StepPropertyCheck(document, node, type, index.bindingProperties(node), configMgr, numbers, problems).run();
    }
  }
  return problems;
}

/**
 * The variables of the steps checked so far, numbered in document order, by name (case aside): the
 * last number under a name tells whether the current step already has it. One map for the whole
 * run rather than one per step, which was most of what the family allocated.
 */
class VariableNumbers {
  private readonly byName = new Map<string, number>();
  private next = 0;

  constructor(private readonly index: DocumentIndex) {}

  /** Numbers the variables of a step; returns the number of its first one. */
  startStep(variableCount: number): number {
    const first = this.next;
    this.next += variableCount;
    return first;
  }

  /** The number of the variable named `name` at or after `first` (the current step's), if any. */
  since(name: string, first: number): number | undefined {
    const number = this.byName.get(this.index.lowerCase(name));
    return number !== undefined && number >= first ? number : undefined;
  }

  set(name: string, number: number): void {
    this.byName.set(this.index.lowerCase(name), number);
  }
}

/** Suggested spellings for a value meant as a boolean. */
export function booleanReplacements(value: string): string[] {
  const lower = value.trim().toLowerCase();
  if (['true', 'yes', '1', 'on'].includes(lower)) {
    return ['true'];
  }
  if (['false', 'no', '0', 'off'].includes(lower)) {
    return ['false'];
  }
  return ['true', 'false'];
}

/** A value that names a task sequence variable (%Var%) is only known at run time. */
export function isRuntimeValue(value: string): boolean {
  // Most values have no % at all: the cheap test first.
  return value.includes('%') && VARIABLE_REFERENCE.test(value);
}

/** `%Name%`. (Compiled once: a literal in the function would be a new object for every value.) */
const VARIABLE_REFERENCE = /%[^%\s]+%/;

/** Item of an array property the catalog does not describe item by item (OSDApp0Name, OSDPackage0PackageId). */
const OPAQUE_ARRAY_ITEM = Symbol('array item');

/** The property of `type` other than `property` that the variable `name` binds. */
function otherOwner(type: StepTypeInfo, property: PropertyInfo, name: string): PropertyInfo | undefined {
  return type.properties.find((p) => p !== property && bindsVariable(p, name));
}

/** How messages name a variable: `OSDComputerName (ComputerName)`. */
function labelOf(binding: VariableBinding, property: PropertyInfo): string {
  return `${binding.name} (${property.property})`;
}

const valuePatterns = new Map<PropertyInfo, RegExp | null>();

/** The catalog's pattern of a property's values, compiled once per property; null when there is none. */
function valuePattern(property: PropertyInfo): RegExp | null {
  let pattern = valuePatterns.get(property);
  if (pattern === undefined) {
    pattern = compileIgnoringCase(property.pattern);
    valuePatterns.set(property, pattern);
  }
  return pattern;
}

function compileIgnoringCase(source: string | undefined): RegExp | null {
  if (!source) {
    return null;
  }
  try {
    return new RegExp(source, 'i');
  } catch {
    return null; // a pattern JavaScript cannot compile is not checked
  }
}

/** The binding's value without surrounding white space; undefined when there is none. */
function nonEmptyValue(binding: VariableBinding | undefined): string | undefined {
  const value = binding?.value.trim();
  return value === '' ? undefined : value;
}

function severityFor(property: PropertyInfo): 'error' | 'warning' {
  return property.confidence === 'documented' ? 'error' : 'warning';
}

class StepPropertyCheck {
  /** The binding of each of the type's own properties, index for index with `type.properties` (the first one wins). */
  private readonly bound: (VariableBinding | undefined)[];

  constructor(
    private readonly document: TaskSequenceDocument,
    private readonly step: StepNode,
    private readonly type: StepTypeInfo,
    /** The catalog property of each of the step's variables (DocumentIndex.bindingProperties). */
    private readonly properties: BindingProperties,
    private readonly configMgr: boolean,
    private readonly numbers: VariableNumbers,
    private readonly problems: Problem[],
  ) {
    this.bound = new Array<VariableBinding | undefined>(type.properties.length);
  }

  run(): void {
    const variables = this.step.variables;
    const firstNumber = this.numbers.startStep(variables.length);
    for (let i = 0; i < variables.length; i++) {
      const binding = variables[i];
      if (binding.name === '') {
        continue;
      }
      const first = this.numbers.since(binding.name, firstNumber);
      if (first !== undefined) {
        this.duplicate(binding, variables[first - firstNumber]);
        continue;
      }
      this.numbers.set(binding.name, firstNumber + i);
      const property = this.properties[i] ?? (isArrayItemOf(this.type, binding) ? OPAQUE_ARRAY_ITEM : undefined);
      if (property === OPAQUE_ARRAY_ITEM) {
        continue;
      }
      if (!property) {
        this.unknown(binding);
        continue;
      }
      const slot = this.type.properties.indexOf(property);
      const topLevel = slot >= 0;
      if (topLevel && this.checkPairing(binding, property)) {
        continue;
      }
      if (topLevel && this.bound[slot] === undefined) {
        this.bound[slot] = binding;
      }
      // Lite Touch binds its own property names (BdeInstall for Mode…) with its own values.
      if (this.configMgr || binding.property === undefined || binding.property === property.property || !topLevel) {
        this.checkValue(binding, property);
      }
    }
    if (this.configMgr) {
      this.checkRequirements();
    }
  }

  private duplicate(binding: VariableBinding, first: VariableBinding): void {
    this.problems.push({
      code: 'duplicate-step-variable',
      severity: 'warning',
      message: `${binding.name} is set twice in step ${stepLabel(this.step)}; only one value can reach the step. Remove one.`,
      span: variableNameSpan(binding),
      related: [{ span: variableNameSpan(first), message: `first ${first.name}` }],
      data: { deleteSpan: binding.element.span },
    });
  }

  private unknown(binding: VariableBinding): void {
    const names = this.type.properties.flatMap((p) => [p.variable, ...(p.alternateVariables ?? [])]).filter((n): n is string => n !== undefined);
    const suggestions = suggestNearest(names, binding.name);
    const hint = suggestions.length ? ` Did you mean ${suggestions[0]}?` : '';
    this.problems.push({
      code: 'unknown-step-variable',
      severity: 'warning',
      message: `${binding.name}${binding.property !== undefined ? ` (property ${binding.property})` : ''} is not a property of ${this.type.displayName}; the step ignores it.${hint}`,
      span: variableNameSpan(binding),
      data: suggestions.length ? { replacements: suggestions } : undefined,
    });
  }

  /** Reports a name and property= of different properties; true when it did (the value is then not judged). */
  private checkPairing(binding: VariableBinding, property: PropertyInfo): boolean {
    if (binding.property === property.property && !bindsVariable(property, binding.name)) {
      const owner = otherOwner(this.type, property, binding.name);
      // A variable name the catalog only inferred from the naming rule may be the one that is wrong.
      if (property.variable === undefined || property.confidence === 'inferred') {
        return false;
      }
      this.problems.push({
        code: 'step-variable-mismatch',
        severity: 'warning',
        message: `Property ${property.property} is set through the variable ${property.variable}, not ${binding.name}${owner ? ` (which carries ${owner.property})` : ''}; the step reads ${property.variable}.`,
        span: variableNameSpan(binding),
        related: [{ span: attribute(binding.element, 'property')?.valueSpan ?? binding.element.nameSpan, message: `property ${property.property}` }],
        data: { replacements: [property.variable] },
      });
      return true;
    }
    if (this.configMgr && binding.property !== undefined && binding.property !== property.property && binding.property.toLowerCase() !== property.property.toLowerCase()) {
      const propertySpan = attribute(binding.element, 'property')?.valueSpan ?? binding.element.nameSpan;
      this.problems.push({
        code: 'step-variable-mismatch',
        severity: 'warning',
        message: `The variable ${binding.name} carries property ${property.property} of ${this.type.displayName}, not "${binding.property}".`,
        span: propertySpan,
        related: [{ span: variableNameSpan(binding), message: `variable ${binding.name}` }],
        data: { replacements: [property.property] },
      });
      return true;
    }
    return false;
  }

  // A value's label and span only go into messages, so they are worked out only for a problem.

  private checkValue(binding: VariableBinding, property: PropertyInfo): void {
    const raw = binding.value;
    const value = raw.trim();
    if (property.maxLength !== undefined && raw.length > property.maxLength) {
      this.problems.push({
        code: 'property-too-long',
        severity: severityFor(property),
        message: `${labelOf(binding, property)} is ${raw.length} characters long; ${this.type.displayName} accepts at most ${property.maxLength}.`,
        span: this.spanOf(binding),
      });
    }
    if (value === '' || isRuntimeValue(value)) {
      return;
    }
    if (property.deprecated && this.isSwitchedOn(property, value)) {
      this.problems.push({
        code: 'deprecated-property',
        severity: 'information',
        message: `${labelOf(binding, property)} is deprecated: it has no effect on current Windows versions.${property.description ? ` ${property.description}` : ''}`,
        span: this.spanOf(binding),
      });
    }
    switch (property.type) {
      case 'boolean':
        // Lite Touch writes True/False in its own templates and its scripts compare without case.
        if (value !== 'true' && value !== 'false' && (this.configMgr || !['true', 'false'].includes(value.toLowerCase()))) {
          this.problems.push({
            code: 'invalid-boolean',
            severity: 'warning',
            message: `${labelOf(binding, property)} is "${value}"; write "true" or "false": other spellings are read unpredictably.`,
            span: this.spanOf(binding),
            data: { replacements: booleanReplacements(value) },
          });
        }
        return;
      case 'enum':
        this.checkEnum(binding, property, value);
        return;
      case 'uint':
        this.checkNumber(binding, property, value);
        return;
      default:
        this.checkPattern(binding, property, value);
    }
  }

  private spanOf(binding: VariableBinding): Span {
    return trimmedValueSpan(this.document, binding.element);
  }

  private isSwitchedOn(property: PropertyInfo, value: string): boolean {
    if (property.type === 'boolean') {
      return value.toLowerCase() === 'true';
    }
    return property.required.kind === 'never' && value !== property.default;
  }

  private checkEnum(binding: VariableBinding, property: PropertyInfo, value: string): void {
    const values = property.values ?? [];
    if (values.length === 0 || values.includes(value) || (property.nonCanonicalValues ?? []).includes(value)) {
      return;
    }
    const label = labelOf(binding, property);
    const sameLetters = findIgnoringCase(values, value);
    if (sameLetters) {
      this.problems.push({
        code: 'property-value-case',
        severity: 'warning',
        message: `${label} is "${value}"; the allowed value is spelled "${sameLetters}" (values are matched exactly).`,
        span: this.spanOf(binding),
        data: { replacements: [sameLetters] },
      });
      return;
    }
    const suggestions = suggestNearest(values, value);
    const replacements = suggestions.length ? suggestions : values.length <= 6 ? [...values] : [];
    this.problems.push({
      code: 'invalid-property-value',
      severity: severityFor(property),
      message: `${label} is "${value}", which ${this.type.displayName} does not accept. Allowed: ${values.join(', ')}.`,
      span: this.spanOf(binding),
      data: replacements.length ? { replacements } : undefined,
    });
  }

  private checkNumber(binding: VariableBinding, property: PropertyInfo, value: string): void {
    if (!WHOLE_NUMBER.test(value)) {
      this.problems.push({
        code: 'invalid-property-value',
        severity: severityFor(property),
        message: `${labelOf(binding, property)} is "${value}"; it must be a whole number${property.range ? ` from ${property.range[0]} to ${property.range[1]}` : ''}.`,
        span: this.spanOf(binding),
      });
      return;
    }
    const range = property.range;
    const number = Number(value);
    if (range && (number < range[0] || number > range[1])) {
      this.problems.push({
        code: 'property-out-of-range',
        severity: severityFor(property),
        message: `${labelOf(binding, property)} is ${value}; ${this.type.displayName} accepts ${range[0]} to ${range[1]}.`,
        span: this.spanOf(binding),
      });
    }
  }

  private checkPattern(binding: VariableBinding, property: PropertyInfo, value: string): void {
    if (property.type === 'packageId') {
      return;
    }
    const pattern = valuePattern(property);
    if (pattern && !pattern.test(value)) {
      this.problems.push({
        code: 'invalid-property-format',
        severity: 'warning',
        message: `${labelOf(binding, property)} is "${value}", which does not have the expected form${property.description ? ` (${property.description})` : ''}.`,
        span: this.spanOf(binding),
      });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Requirements (Not_Null, RequiredIfNull pairs, "when X" rules)

  /** (A loop, not find(): a closure over `name` would cost each call an allocation.) */
  private byProperty(name: string): PropertyInfo | undefined {
    const properties = this.type.properties;
    for (let i = 0; i < properties.length; i++) {
      if (properties[i].property === name) {
        return properties[i];
      }
    }
    return undefined;
  }

  private boundTo(property: PropertyInfo): VariableBinding | undefined {
    const slot = this.type.properties.indexOf(property);
    return slot < 0 ? undefined : this.bound[slot];
  }

  private valueOf(property: PropertyInfo | undefined): string | undefined {
    return property ? nonEmptyValue(this.boundTo(property)) : undefined;
  }

  private checkRequirements(): void {
    const reported: PropertyInfo[] = []; // a few at most: the type's own properties
    const properties = this.type.properties;
    for (let slot = 0; slot < properties.length; slot++) {
      const property = properties[slot];
      // Requirements only checked in ConfigMgr documents, where the rules MDT relaxes still hold.
      const requirement = property.requiredInConfigMgr ?? property.required;
      // (Most properties are optional: tested first.)
      if (requirement.kind === 'never' || property.variable === undefined || property.flavor === 'mdt' || reported.includes(property) || nonEmptyValue(this.bound[slot]) !== undefined) {
        continue;
      }
      switch (requirement.kind) {
        case 'always':
          this.missing([property], undefined);
          reported.push(property);
          break;
        case 'unlessSet': {
          const others = requirement.others.map((o) => this.byProperty(o)).filter((p): p is PropertyInfo => p !== undefined && p.flavor !== 'mdt');
          if (others.some((o) => this.valueOf(o) !== undefined) || others.some((o) => reported.includes(o))) {
            break;
          }
          this.missing([property, ...others], undefined);
          reported.push(property, ...others);
          break;
        }
        case 'whenSet': {
          const other = this.byProperty(requirement.other);
          if (other && this.valueOf(other) !== undefined) {
            this.missing([property], `because ${other.variable ?? other.property} is set`);
            reported.push(property);
          }
          break;
        }
        case 'whenEquals': {
          const other = this.byProperty(requirement.other);
          const value = this.valueOf(other);
          if (other && value !== undefined && findIgnoringCase(requirement.values, value) !== undefined) {
            this.missing([property], `because ${other.variable ?? other.property} is ${value}`);
            reported.push(property);
          }
          break;
        }
        default:
          break;
      }
    }
  }

  private missing(alternatives: PropertyInfo[], reason: string | undefined): void {
    const [first] = alternatives;
    const names = [...new Set(alternatives.map((p) => p.variable ?? p.property))];
    const what = names.length > 1 ? `one of ${names.join(' or ')}` : names[0];
    const severity = alternatives.every((p) => p.confidence === 'documented') ? 'error' : 'warning';
    const present = alternatives.map((p) => this.boundTo(p)).find((b) => b !== undefined);
    const because = reason ? ` ${reason}` : '';
    if (present) {
      this.problems.push({
        code: 'missing-step-property',
        severity,
        message: `${present.name} is empty, but ${this.type.displayName} needs ${what}${because}.`,
        span: variableNameSpan(present),
      });
      return;
    }
    this.problems.push({
      code: 'missing-step-property',
      severity,
      message: `Step ${stepLabel(this.step)} (${this.type.displayName}) has no ${what}${because}: ${severity === 'error' ? 'ConfigMgr rejects the step' : 'the step cannot work without it'}.`,
      span: this.step.element.nameSpan,
      data: this.insertion(first),
    });
  }

  /** A quick fix adding the property with the catalog's default value, when it has one. */
  private insertion(property: PropertyInfo): Problem['data'] {
    const list = this.step.defaultVarList;
    if (property.default === undefined || property.variable === undefined || !list || /[(),;]/.test(property.default)) {
      return undefined;
    }
    const point = appendPoint(this.document, list);
    if (!point) {
      return undefined;
    }
    const hidden = property.hidden ? ' hidden="true"' : '';
    const markup = `<variable name="${escapeXml(property.variable, true)}" property="${escapeXml(property.property, true)}"${hidden}>${escapeXml(property.default)}</variable>`;
    return { insertText: point.prefix + encodeForDocument(this.document, markup) + point.suffix, insertAt: point.at };
  }
}
