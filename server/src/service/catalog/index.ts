// Lookups over the generated catalog data. Checks and features ask these functions, never the
// data arrays directly, so that the matching rules (exact class names, case-insensitive variable
// names, flattened array properties) live in one place. The maps are built once: at load, and the
// property lookups of a step type the first time it is asked about.

import { ELEMENTS, SCHEMA_VERSIONS } from './data/elements';
import { EXPRESSION_KINDS, OPERATORS } from './data/expressionKinds';
import { STEP_TYPES, UNTYPED_STEP_PROPERTIES } from './data/stepTypes';
import { VARIABLES } from './data/variables';
import type {
  AttributeInfo,
  ElementInfo,
  ExpressionKindInfo,
  OperatorInfo,
  PropertyInfo,
  SchemaVersionInfo,
  StepTypeInfo,
  VariableInfo,
} from './types';
import { isAsciiDigit } from '../util/characters';

export { suggestNearest } from '../util/nearest';
export { OPERATORS, SCHEMA_VERSIONS, UNTYPED_STEP_PROPERTIES };

/** How a defaultVarList <variable> names its property: `property=` and/or `name=`. */
export interface PropertyReference {
  readonly property?: string;
  readonly variable?: string;
}

function byKey<T>(items: readonly T[], keyOf: (item: T) => string): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    // The first entry wins, so that an overlay addition can never shadow a reference fact.
    if (!map.has(key)) {
      map.set(key, item);
    }
  }
  return map;
}

const stepTypesByClass = byKey(STEP_TYPES, (s) => s.className);
const stepTypesByLowerClass = byKey(STEP_TYPES, (s) => s.className.toLowerCase());
const expressionKindsByClass = byKey(EXPRESSION_KINDS, (k) => k.className);
const operatorsByType = byKey(OPERATORS, (o) => o.type);
const variablesByLowerName = byKey(VARIABLES, (v) => v.name.toLowerCase());
const elementsByName = byKey(ELEMENTS, (e) => e.name);
const attributesByElement = new Map(ELEMENTS.map((e) => [e, byKey(e.attributes, (a) => a.name)]));
const schemaVersionsByValue = byKey(SCHEMA_VERSIONS, (v) => v.value);
const stepPropertyVariables = new Set(
  STEP_TYPES.flatMap((s) => s.properties.flatMap((p) => [p.variable, ...(p.alternateVariables ?? [])]))
    .concat(UNTYPED_STEP_PROPERTIES.map((p) => p.variable))
    .filter((v): v is string => v !== undefined)
    .map((v) => v.toLowerCase()),
);

// ---------------------------------------------------------------------------------------------
// Step types and their properties

/** The step type whose class name is exactly `className` (the `type` attribute is case-sensitive). */
export function getStepType(className: string): StepTypeInfo | undefined {
  return stepTypesByClass.get(className);
}

/** The step type `name` names when case is ignored: for "wrong case" diagnostics and quick fixes. */
export function findStepTypeIgnoringCase(name: string): StepTypeInfo | undefined {
  return stepTypesByLowerClass.get(name.toLowerCase());
}

export function allStepTypes(): readonly StepTypeInfo[] {
  return STEP_TYPES;
}

/**
 * The property a defaultVarList <variable> sets on a step of type `step`. `property=` decides
 * when it matches (preferring the entry whose variable name agrees too); otherwise `name=` is
 * matched case-insensitively, including the alternate spellings MDT writes. Flattened array items
 * (Partitions0Type, OSDPartitions0Type) resolve to the array's item description.
 */
export function getProperty(step: StepTypeInfo, reference: PropertyReference): PropertyInfo | undefined {
  return findProperty(step.properties, reference.property, reference.variable);
}

/** The same lookup for MDT steps without a `type` (generic command lines). */
export function getUntypedStepProperty(reference: PropertyReference): PropertyInfo | undefined {
  return findProperty(UNTYPED_STEP_PROPERTIES, reference.property, reference.variable);
}

/**
 * The lookups findProperty makes, prepared once per property list (a step type's, or the untyped
 * properties): a document binds thousands of variables, and scanning the list with case folding
 * for each of them was a large part of checking a big sequence.
 */
interface PropertyLookup {
  /** The properties with each `property` name, in catalog order. */
  readonly byProperty: ReadonlyMap<string, readonly PropertyInfo[]>;
  /**
   * The first property (in catalog order) that binds each variable name, alternate spellings
   * included: under the lower-cased name, and under each spelling the catalog writes, so that a
   * name written as the catalog spells it (most are) is found without folding its case.
   */
  readonly byVariable: ReadonlyMap<string, PropertyInfo>;
  /** The array properties that describe their items, in catalog order. */
  readonly arrays: readonly ArrayLookup[];
}

/** A property with the names findArrayItem compares: `property` as written, `variable` lower-cased. */
interface ComparedNames {
  readonly info: PropertyInfo;
  readonly property: string;
  readonly variable: string | undefined;
}

/** An array property and its items, their names prepared once rather than folded on every lookup. */
interface ArrayLookup extends ComparedNames {
  readonly items: readonly ComparedNames[];
}

function comparedNames(info: PropertyInfo): ComparedNames {
  return { info, property: info.property, variable: info.variable?.toLowerCase() };
}

function arrayLookup(array: PropertyInfo & { readonly arrayItems: readonly PropertyInfo[] }): ArrayLookup {
  return { ...comparedNames(array), items: array.arrayItems.map(comparedNames) };
}

const propertyLookups = new WeakMap<readonly PropertyInfo[], PropertyLookup>();

function propertyLookup(properties: readonly PropertyInfo[]): PropertyLookup {
  let lookup = propertyLookups.get(properties);
  if (!lookup) {
    const byProperty = new Map<string, PropertyInfo[]>();
    const byVariable = new Map<string, PropertyInfo>();
    for (const p of properties) {
      const named = byProperty.get(p.property);
      if (named) {
        named.push(p);
      } else {
        byProperty.set(p.property, [p]);
      }
      for (const name of variableNamesOf(p)) {
        if (!byVariable.has(name)) {
          byVariable.set(name, p);
        }
      }
    }
    for (const p of properties) {
      for (const spelling of [p.variable, ...(p.alternateVariables ?? [])]) {
        if (spelling !== undefined && !byVariable.has(spelling)) {
          byVariable.set(spelling, byVariable.get(spelling.toLowerCase())!);
        }
      }
    }
    const arrays = properties.filter((p): p is PropertyInfo & { readonly arrayItems: readonly PropertyInfo[] } => p.arrayItems !== undefined);
    lookup = { byProperty, byVariable, arrays: arrays.map(arrayLookup) };
    propertyLookups.set(properties, lookup);
  }
  return lookup;
}

const variableNames = new WeakMap<PropertyInfo, readonly string[]>();

/** The lower-cased variable names that bind `property`: its own and the alternate spellings. */
function variableNamesOf(property: PropertyInfo): readonly string[] {
  let names = variableNames.get(property);
  if (!names) {
    names = [property.variable, ...(property.alternateVariables ?? [])].filter((v): v is string => v !== undefined).map((v) => v.toLowerCase());
    variableNames.set(property, names);
  }
  return names;
}

/**
 * getProperty and getUntypedStepProperty with the reference's names as arguments, over a step
 * type's properties or UNTYPED_STEP_PROPERTIES: for the checks, which look up every variable of a
 * document and to which a reference object per lookup was a noticeable allocation.
 */
export function findProperty(properties: readonly PropertyInfo[], property: string | undefined, variable: string | undefined): PropertyInfo | undefined {
  const lookup = propertyLookup(properties);
  if (property !== undefined) {
    const named = lookup.byProperty.get(property);
    if (named) {
      // The entry whose variable name agrees too, else the first one (the only one, mostly).
      return named.length > 1 && variable !== undefined ? (firstBinding(named, variable) ?? named[0]) : named[0];
    }
    const item = findArrayItem(lookup.arrays, property, false);
    if (item) {
      return item;
    }
  }
  if (variable !== undefined) {
    return lookup.byVariable.get(variable) ?? lookup.byVariable.get(variable.toLowerCase()) ?? findArrayItem(lookup.arrays, variable, true);
  }
  return undefined;
}

/** The first of `properties` that `variable` binds. (A loop, not find(): a closure over `variable` would cost every lookup an allocation.) */
function firstBinding(properties: readonly PropertyInfo[], variable: string): PropertyInfo | undefined {
  for (const p of properties) {
    if (bindsVariable(p, variable)) {
      return p;
    }
  }
  return undefined;
}

/** True when the defaultVarList name `variable` binds `property`: its variable or an alternate spelling, case aside. */
export function bindsVariable(property: PropertyInfo, variable: string): boolean {
  return property.variable === variable || bindsLowerCaseVariable(property, variable.toLowerCase());
}

/** bindsVariable for a name already in lower case: for callers that fold each name once, not once per property. */
export function bindsLowerCaseVariable(property: PropertyInfo, lowerCaseVariable: string): boolean {
  return variableNamesOf(property).includes(lowerCaseVariable);
}

/**
 * `<base><index><item>`, e.g. Partitions0Type → the Type item of Partitions: by `property` names
 * as written, or by `variable` names case aside. Compared in place, without copying the parts.
 */
function findArrayItem(arrays: readonly ArrayLookup[], name: string, byVariable: boolean): PropertyInfo | undefined {
  let subject: string | undefined;
  for (let a = 0; a < arrays.length; a++) {
    const array = arrays[a];
    const base = byVariable ? array.variable : array.property;
    if (base === undefined) {
      continue;
    }
    subject ??= byVariable ? name.toLowerCase() : name;
    const itemStart = subject.startsWith(base) ? itemNameStart(subject, base.length) : -1;
    if (itemStart < 0) {
      continue;
    }
    const items = array.items;
    for (let i = 0; i < items.length; i++) {
      const itemName = byVariable ? items[i].variable : items[i].property;
      if (itemName !== undefined && itemName.length === subject.length - itemStart && subject.startsWith(itemName, itemStart)) {
        return items[i].info;
      }
    }
  }
  return undefined;
}

/**
 * Where the item name starts in `subject` after an index that starts at `from`: after its digits,
 * less the last one when nothing else follows (as /^(\d+)(.+)$/ splits it); -1 without an index.
 */
function itemNameStart(subject: string, from: number): number {
  let i = from;
  while (i < subject.length && isAsciiDigit(subject.charCodeAt(i))) {
    i++;
  }
  if (i === subject.length) {
    i--;
  }
  return i > from ? i : -1;
}

// ---------------------------------------------------------------------------------------------
// Conditions

export function getExpressionKind(className: string): ExpressionKindInfo | undefined {
  return expressionKindsByClass.get(className);
}

export function allExpressionKinds(): readonly ExpressionKindInfo[] {
  return EXPRESSION_KINDS;
}

export function getOperator(type: string): OperatorInfo | undefined {
  return operatorsByType.get(type);
}

// ---------------------------------------------------------------------------------------------
// Variables

/** Task sequence variable names are not case-sensitive, so neither is this lookup. */
export function getVariable(name: string): VariableInfo | undefined {
  return variablesByLowerName.get(name.toLowerCase());
}

export function allVariables(): readonly VariableInfo[] {
  return VARIABLES;
}

/** Prefixes of variables the engine owns whatever their suffix (domain notes §4). */
const ENGINE_OWNED_PREFIXES = ['_smsts', '_ts_cr', '_osddetectedwin', '_tsappinstallstatus', '_tssecureboot'];

/**
 * True when a task sequence cannot write `name` (Set Task Sequence Variable, collection or device
 * variables): the catalog's read-only variables and every engine-owned prefix. A step's own
 * defaultVarList legitimately binds some `_` names (_SMSTSRunCommandLineAsUser); judge those with
 * `isStepPropertyVariable`, not with this.
 */
export function isReadOnlyVariable(name: string): boolean {
  if (getVariable(name)?.readOnly === true) {
    return true;
  }
  const lower = name.toLowerCase();
  return ENGINE_OWNED_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/** True when some step type binds `name` to one of its properties in its defaultVarList. */
export function isStepPropertyVariable(name: string): boolean {
  return stepPropertyVariables.has(name.toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Elements and schema versions

export function getElement(name: string): ElementInfo | undefined {
  return elementsByName.get(name);
}

/** The attributes of `element` by their exact names (attribute names are case-sensitive). */
export function attributesOf(element: ElementInfo): ReadonlyMap<string, AttributeInfo> {
  return attributesByElement.get(element) ?? byKey(element.attributes, (a) => a.name);
}

/** The attribute of `element` whose name is exactly `name`. */
export function getAttribute(element: ElementInfo, name: string): AttributeInfo | undefined {
  return attributesOf(element).get(name);
}

export function allElements(): readonly ElementInfo[] {
  return ELEMENTS;
}

export function getSchemaVersion(value: string): SchemaVersionInfo | undefined {
  return schemaVersionsByValue.get(value);
}

export function isKnownSchemaVersion(value: string): boolean {
  return schemaVersionsByValue.has(value);
}
