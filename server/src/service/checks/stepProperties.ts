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

import { getProperty, suggestNearest } from '../catalog';
import type { PropertyInfo, StepTypeInfo } from '../catalog/types';
import type { Problem, StepNode, TaskSequenceDocument, VariableBinding } from '../model';
import { allSteps, attribute } from '../model';
import type { CheckContext } from './index';
import {
  appendPoint,
  encodeForDocument,
  escapeXml,
  isArrayItemOf,
  isConfigMgr,
  resolveStepType,
  stepLabel,
  trimmedValueSpan,
  typeFitsStep,
  variableNameSpan,
} from './stepSupport';

export function checkStepProperties({ document }: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const configMgr = isConfigMgr(document);
  for (const node of allSteps(document)) {
    const type = resolveStepType(node);
    if (type && typeFitsStep(node, type)) {
      new StepPropertyCheck(document, node, type, configMgr, problems).run();
    }
  }
  return problems;
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
  return /%[^%\s]+%/.test(value);
}

/** Item of an array property the catalog does not describe item by item (OSDApp0Name, OSDPackage0PackageId). */
const OPAQUE_ARRAY_ITEM = Symbol('array item');

function severityFor(property: PropertyInfo): 'error' | 'warning' {
  return property.confidence === 'documented' ? 'error' : 'warning';
}

function binds(property: PropertyInfo, name: string): boolean {
  const lower = name.toLowerCase();
  return property.variable?.toLowerCase() === lower || (property.alternateVariables ?? []).some((a) => a.toLowerCase() === lower);
}

class StepPropertyCheck {
  /** The binding of each top-level property of the type (first one wins). */
  private readonly bound = new Map<PropertyInfo, VariableBinding>();

  constructor(
    private readonly document: TaskSequenceDocument,
    private readonly step: StepNode,
    private readonly type: StepTypeInfo,
    private readonly configMgr: boolean,
    private readonly problems: Problem[],
  ) {}

  run(): void {
    const seen = new Map<string, VariableBinding>();
    for (const binding of this.step.variables) {
      if (binding.name === '') {
        continue;
      }
      const key = binding.name.toLowerCase();
      const first = seen.get(key);
      if (first) {
        this.duplicate(binding, first);
        continue;
      }
      seen.set(key, binding);
      const property = this.resolve(binding);
      if (property === OPAQUE_ARRAY_ITEM) {
        continue;
      }
      if (!property) {
        this.unknown(binding);
        continue;
      }
      const topLevel = this.type.properties.includes(property);
      if (topLevel && this.checkPairing(binding, property)) {
        continue;
      }
      if (topLevel && !this.bound.has(property)) {
        this.bound.set(property, binding);
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

  private resolve(binding: VariableBinding): PropertyInfo | typeof OPAQUE_ARRAY_ITEM | undefined {
    return getProperty(this.type, { property: binding.property, variable: binding.name }) ?? (isArrayItemOf(this.type, binding) ? OPAQUE_ARRAY_ITEM : undefined);
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
    if (binding.property === property.property && !binds(property, binding.name)) {
      const owner = this.type.properties.find((p) => p !== property && binds(p, binding.name));
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
    if (this.configMgr && binding.property !== undefined && binding.property.toLowerCase() !== property.property.toLowerCase()) {
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

  private checkValue(binding: VariableBinding, property: PropertyInfo): void {
    const raw = binding.value;
    const value = raw.trim();
    const span = trimmedValueSpan(this.document, binding.element);
    const label = `${binding.name} (${property.property})`;
    if (property.maxLength !== undefined && raw.length > property.maxLength) {
      this.problems.push({
        code: 'property-too-long',
        severity: severityFor(property),
        message: `${label} is ${raw.length} characters long; ${this.type.displayName} accepts at most ${property.maxLength}.`,
        span,
      });
    }
    if (value === '' || isRuntimeValue(value)) {
      return;
    }
    if (property.deprecated && this.isSwitchedOn(property, value)) {
      this.problems.push({
        code: 'deprecated-property',
        severity: 'information',
        message: `${label} is deprecated: it has no effect on current Windows versions.${property.description ? ` ${property.description}` : ''}`,
        span,
      });
    }
    switch (property.type) {
      case 'boolean':
        // Lite Touch writes True/False in its own templates and its scripts compare without case.
        if (value !== 'true' && value !== 'false' && (this.configMgr || !['true', 'false'].includes(value.toLowerCase()))) {
          this.problems.push({
            code: 'invalid-boolean',
            severity: 'warning',
            message: `${label} is "${value}"; write "true" or "false": other spellings are read unpredictably.`,
            span,
            data: { replacements: booleanReplacements(value) },
          });
        }
        return;
      case 'enum':
        this.checkEnum(label, value, property, span);
        return;
      case 'uint':
        this.checkNumber(label, value, property, span);
        return;
      default:
        this.checkPattern(label, value, property, span);
    }
  }

  private isSwitchedOn(property: PropertyInfo, value: string): boolean {
    if (property.type === 'boolean') {
      return value.toLowerCase() === 'true';
    }
    return property.required.kind === 'never' && value !== property.default;
  }

  private checkEnum(label: string, value: string, property: PropertyInfo, span: Problem['span']): void {
    const values = property.values ?? [];
    if (values.length === 0 || values.includes(value) || (property.nonCanonicalValues ?? []).includes(value)) {
      return;
    }
    const sameLetters = values.find((v) => v.toLowerCase() === value.toLowerCase());
    if (sameLetters) {
      this.problems.push({
        code: 'property-value-case',
        severity: 'warning',
        message: `${label} is "${value}"; the allowed value is spelled "${sameLetters}" (values are matched exactly).`,
        span,
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
      span,
      data: replacements.length ? { replacements } : undefined,
    });
  }

  private checkNumber(label: string, value: string, property: PropertyInfo, span: Problem['span']): void {
    if (!/^\d+$/.test(value)) {
      this.problems.push({
        code: 'invalid-property-value',
        severity: severityFor(property),
        message: `${label} is "${value}"; it must be a whole number${property.range ? ` from ${property.range[0]} to ${property.range[1]}` : ''}.`,
        span,
      });
      return;
    }
    const range = property.range;
    const number = Number(value);
    if (range && (number < range[0] || number > range[1])) {
      this.problems.push({
        code: 'property-out-of-range',
        severity: severityFor(property),
        message: `${label} is ${value}; ${this.type.displayName} accepts ${range[0]} to ${range[1]}.`,
        span,
      });
    }
  }

  private checkPattern(label: string, value: string, property: PropertyInfo, span: Problem['span']): void {
    if (!property.pattern || property.type === 'packageId') {
      return;
    }
    let pattern: RegExp;
    try {
      pattern = new RegExp(property.pattern, 'i');
    } catch {
      return;
    }
    if (!pattern.test(value)) {
      this.problems.push({
        code: 'invalid-property-format',
        severity: 'warning',
        message: `${label} is "${value}", which does not have the expected form${property.description ? ` (${property.description})` : ''}.`,
        span,
      });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Requirements (Not_Null, RequiredIfNull pairs, "when X" rules)

  private byProperty(name: string): PropertyInfo | undefined {
    return this.type.properties.find((p) => p.property === name);
  }

  private valueOf(property: PropertyInfo | undefined): string | undefined {
    if (!property) {
      return undefined;
    }
    const value = this.bound.get(property)?.value.trim();
    return value === '' ? undefined : value;
  }

  private checkRequirements(): void {
    const reported = new Set<PropertyInfo>();
    for (const property of this.type.properties) {
      if (property.variable === undefined || property.flavor === 'mdt' || reported.has(property) || this.valueOf(property) !== undefined) {
        continue;
      }
      // Requirements only checked in ConfigMgr documents, where the rules MDT relaxes still hold.
      const requirement = property.requiredInConfigMgr ?? property.required;
      switch (requirement.kind) {
        case 'always':
          this.missing([property], undefined);
          reported.add(property);
          break;
        case 'unlessSet': {
          const others = requirement.others.map((o) => this.byProperty(o)).filter((p): p is PropertyInfo => p !== undefined && p.flavor !== 'mdt');
          if (others.some((o) => this.valueOf(o) !== undefined) || others.some((o) => reported.has(o))) {
            break;
          }
          this.missing([property, ...others], undefined);
          reported.add(property);
          others.forEach((o) => reported.add(o));
          break;
        }
        case 'whenSet': {
          const other = this.byProperty(requirement.other);
          if (other && this.valueOf(other) !== undefined) {
            this.missing([property], `because ${other.variable ?? other.property} is set`);
            reported.add(property);
          }
          break;
        }
        case 'whenEquals': {
          const other = this.byProperty(requirement.other);
          const value = this.valueOf(other);
          if (other && value !== undefined && requirement.values.some((v) => v.toLowerCase() === value.toLowerCase())) {
            this.missing([property], `because ${other.variable ?? other.property} is ${value}`);
            reported.add(property);
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
    const present = alternatives.map((p) => this.bound.get(p)).find((b) => b !== undefined);
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
