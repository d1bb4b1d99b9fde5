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
  return findProperty(step.properties, reference);
}

/** The same lookup for MDT steps without a `type` (generic command lines). */
export function getUntypedStepProperty(reference: PropertyReference): PropertyInfo | undefined {
  return findProperty(UNTYPED_STEP_PROPERTIES, reference);
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
  readonly arrays: readonly PropertyInfo[];
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
    lookup = { byProperty, byVariable, arrays: properties.filter((p) => p.arrayItems !== undefined) };
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

function findProperty(properties: readonly PropertyInfo[], { property, variable }: PropertyReference): PropertyInfo | undefined {
  const lookup = propertyLookup(properties);
  if (property !== undefined) {
    const named = lookup.byProperty.get(property);
    if (named) {
      // The entry whose variable name agrees too, else the first one (the only one, mostly).
      return named.length > 1 && variable !== undefined ? (firstBinding(named, variable) ?? named[0]) : named[0];
    }
    const item = findArrayItem(lookup.arrays, property, (p) => p.property, false);
    if (item) {
      return item;
    }
  }
  if (variable !== undefined) {
    return lookup.byVariable.get(variable) ?? lookup.byVariable.get(variable.toLowerCase()) ?? findArrayItem(lookup.arrays, variable, (p) => p.variable, true);
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
  return property.variable === variable || variableNamesOf(property).includes(variable.toLowerCase());
}

/** `<base><index><item>`, e.g. Partitions0Type → the Type item of Partitions. */
function findArrayItem(
  arrays: readonly PropertyInfo[],
  name: string,
  nameOf: (p: PropertyInfo) => string | undefined,
  ignoreCase: boolean,
): PropertyInfo | undefined {
  const subject = ignoreCase ? name.toLowerCase() : name;
  for (const array of arrays) {
    const base = nameOf(array);
    if (!array.arrayItems || base === undefined) {
      continue;
    }
    const prefix = ignoreCase ? base.toLowerCase() : base;
    const match = subject.startsWith(prefix) ? /^(\d+)(.+)$/.exec(subject.slice(prefix.length)) : null;
    if (!match) {
      continue;
    }
    const suffix = match[2];
    const item = array.arrayItems.find((i) => {
      const itemName = nameOf(i);
      return itemName !== undefined && (ignoreCase ? itemName.toLowerCase() : itemName) === suffix;
    });
    if (item) {
      return item;
    }
  }
  return undefined;
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
