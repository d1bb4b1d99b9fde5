// Generates the catalog's data modules (server/src/service/catalog/data/*.ts) from the shared
// reference model plus scripts/catalog-overlay.mjs. The extension cannot read ../shared at run
// time, so the facts are compiled into TypeScript here; run this after either input changes.
//
//   node scripts/generate-catalog.mjs             write into server/src/service/catalog/data
//   node scripts/generate-catalog.mjs --out DIR   write into DIR (the up-to-date test compares)
//   node scripts/generate-catalog.mjs --report    also print how each `required` phrase was mapped
//
// No dependencies, and the output depends only on the inputs, so two runs give identical files.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const referencePath = path.resolve(repoRoot, '..', 'shared', 'reference', 'tasksequence-model.json');
const overlayPath = path.resolve(repoRoot, 'scripts', 'catalog-overlay.mjs');
const defaultOut = path.resolve(repoRoot, 'server', 'src', 'service', 'catalog', 'data');

const ENVIRONMENTS = ['WinPE', 'FullOS', 'WinPEandFullOS'];
const PROPERTY_TYPES = new Set(['string', 'boolean', 'uint', 'enum', 'packageId', 'guid', 'version', 'unc', 'xml-string', 'string[]']);
const ATTRIBUTE_TYPES = new Set(['string', 'boolean', 'enum', 'uint', 'packageId']);
const COMPARISON_OPERATORS = ['equals', 'notEquals', 'less', 'lessEqual', 'greater', 'greaterEqual'];

// ---------------------------------------------------------------------------------------------
// Normalising the reference's loosely written fields

/** The strongest claim wins: "documented+observed" is documented, "unconfirmed" is only inferred. */
function confidenceOf(text, fallback) {
  if (text === undefined || text === null) {
    return fallback;
  }
  const lower = String(text).toLowerCase();
  if (lower.includes('documented')) return 'documented';
  if (lower.includes('observed')) return 'observed';
  return 'inferred';
}

/** Every `required` phrase of the reference, in the order tried. Unknown phrases stop the build. */
const REQUIREMENT_PHRASES = [
  [/^unless (\w+) is set$/, (m) => ({ kind: 'unlessSet', others: [m[1]] })],
  [/^if (\w+) is empty$/, (m) => ({ kind: 'unlessSet', others: [m[1]] })],
  // The SDK puts RequiredIfNull(TargetDrive) on Mode: one of the two must be set.
  [/^unless Mode\.\.\. \(SDK: Mode RequiredIfNull TargetDrive\)$/, () => ({ kind: 'unlessSet', others: ['Mode'] })],
  [/^when (\w+) is set$/, (m) => ({ kind: 'whenSet', other: m[1] })],
  [/^when (\w+) is true$/, (m) => ({ kind: 'whenEquals', other: m[1], values: ['true'] })],
  [/^when (\w+)=(\S+)$/, (m) => ({ kind: 'whenEquals', other: m[1], values: [m[2]] })],
  [/^with (\w+)$/, (m) => ({ kind: 'whenSet', other: m[1] })],
  // "Required unless exists/notExists" is "required for every other operator"; an operator the
  // catalog does not know then requires nothing, which errs on the quiet side.
  [/^unless Operator is exists\/notExists$/, (_m, context) => ({ kind: 'whenEquals', other: 'Operator', values: otherOperators(context, ['exists', 'notExists']) })],
  [/^for comparison operators$/, () => ({ kind: 'whenEquals', other: 'Operator', values: COMPARISON_OPERATORS })],
  // The SDK marks ProductCode Not_Null, but its own rules need it only for ThisVersion; AnyVersion
  // conditions carry an UpgradeCode instead, so "always" would flag valid conditions.
  [/^ThisVersion \(SDK marks Not_Null\)$/, () => ({ kind: 'whenEquals', other: 'Operator', values: ['ThisVersion'] })],
  [/^AnyVersion$/, () => ({ kind: 'whenEquals', other: 'Operator', values: ['AnyVersion'] })],
];

const requirementReport = new Map();

function requirementOf(value, context = {}) {
  if (value === true) return { kind: 'always' };
  if (value === false || value === null || value === undefined) return { kind: 'never' };
  for (const [pattern, map] of REQUIREMENT_PHRASES) {
    const match = pattern.exec(value);
    if (match) {
      const requirement = map(match, context);
      requirementReport.set(value, requirement);
      return requirement;
    }
  }
  throw new Error(`No Requirement mapping for the phrase "${value}" (${context.where ?? 'unknown place'})`);
}

function otherOperators(context, excluded) {
  const operator = (context.siblings ?? []).find((v) => v.name === 'Operator');
  const values = Array.isArray(operator?.values) ? operator.values : COMPARISON_OPERATORS;
  return values.filter((v) => !excluded.includes(v));
}

/** "0-30 (SDK); variables doc says 0-600" → [0, 600]: the widest range any source gives. */
function rangeOf(text) {
  if (text === undefined || text === null) return undefined;
  const pairs = [...String(text).matchAll(/(-?\d+)\s*-\s*(-?\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  if (pairs.length === 0) throw new Error(`Unreadable range "${text}"`);
  return [Math.min(...pairs.map((p) => p[0])), Math.max(...pairs.map((p) => p[1]))];
}

/** "60 (console)" → "60"; "AllSigned (console); SDK says Restricted" → "AllSigned". */
function defaultOf(text) {
  if (text === undefined || text === null) return undefined;
  return String(text).replace(/\s*\([^)]*\)/g, '').split(';')[0].trim();
}

/** "FullOS (SDK)" → FullOS; "n/a (no runIn written)" → undefined. */
function environmentOf(text) {
  if (typeof text !== 'string') return undefined;
  const value = text.replace(/\s*\([^)]*\)/g, '').trim();
  return ENVIRONMENTS.includes(value) ? value : undefined;
}

/** The environments a prose statement mentions ("full OS or Windows PE" → WinPEandFullOS). */
function environmentOfStatement(text) {
  const pe = /windows pe/i.test(text);
  const full = /full os|new os/i.test(text);
  if (pe && full) return 'WinPEandFullOS';
  if (pe) return 'WinPE';
  if (full) return 'FullOS';
  return undefined;
}

/**
 * Where SDK, docs and exports disagree every source's value is allowed, since a false alarm on a
 * real export costs more than a missed one; a type that runs in both environments allows all three.
 */
function allowedRunInOf(runIn) {
  const found = new Set();
  for (const [key, value] of Object.entries(runIn)) {
    const environment = key === 'docStatement' ? environmentOfStatement(value) : environmentOf(value);
    if (environment) found.add(environment);
  }
  if (found.size === 0 || found.has('WinPEandFullOS')) {
    return [...ENVIRONMENTS];
  }
  return ENVIRONMENTS.filter((e) => found.has(e));
}

function joinSentences(...parts) {
  const text = parts
    .filter((p) => typeof p === 'string' && p.trim() !== '')
    .map((p) => {
      const t = p.trim();
      return /[.!?)]$/.test(t) ? t : `${t}.`;
    })
    .join(' ');
  return text === '' ? undefined : text;
}

/** Drops undefined fields so the generated objects only carry facts. */
function compact(object) {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

// ---------------------------------------------------------------------------------------------
// Step types

function propertyTypeOf(raw) {
  if (/^SMS_\w+\[\]$/.test(raw.type)) return 'array';
  if (!PROPERTY_TYPES.has(raw.type)) throw new Error(`Unknown property type "${raw.type}" on ${raw.property}`);
  // An enum without a value list (the MDT steps note only what they saw) cannot be checked as one.
  if (raw.type === 'enum' && !Array.isArray(raw.values)) return 'string';
  return raw.type;
}

function convertProperty(raw, className) {
  const where = `${className}.${raw.property}`;
  return compact({
    property: raw.property,
    variable: raw.variable ?? undefined,
    type: propertyTypeOf(raw),
    required: requirementOf(raw.required, { where }),
    values: Array.isArray(raw.values) ? [...raw.values] : undefined,
    valueNames: raw.valueNames,
    range: rangeOf(raw.range),
    minLength: raw.minLength,
    maxLength: raw.maxLength,
    pattern: raw.pattern,
    default: defaultOf(raw.default),
    hidden: raw.hidden || undefined,
    secret: raw.secret || raw.quasiSecret || undefined,
    global: raw.global || undefined,
    deprecated: raw.deprecated || undefined,
    description: joinSentences(raw.notes, raw.unit && `Unit: ${raw.unit}`, raw.example && `Example: ${raw.example}`),
    confidence: confidenceOf(raw.confidence, 'documented'),
    arrayItems: raw.arrayItems ? convertArrayItems(raw.arrayItems, raw.confidence) : undefined,
  });
}

function convertArrayItems(items, parentConfidence) {
  return Object.entries(items).map(([name, item]) =>
    compact({
      property: name,
      variable: name,
      type: item.type ?? (Array.isArray(item.values) ? 'enum' : 'string'),
      required: requirementOf(item.required ?? false, { where: `array item ${name}` }),
      values: Array.isArray(item.values) ? [...item.values] : undefined,
      default: defaultOf(item.default),
      description: joinSentences(item.notes),
      confidence: confidenceOf(parentConfidence, 'documented'),
    }),
  );
}

/** readsVariables/setsVariables hold a few annotations; only real names belong in the lists. */
function variableNames(list) {
  if (!Array.isArray(list)) return undefined;
  const names = list.filter((n) => !n.startsWith('(')).map((n) => n.replace(/\s*\([^)]*\)$/, ''));
  return names.length ? names : undefined;
}

function stepConfidence(raw) {
  if (raw.confidence) return confidenceOf(raw.confidence, 'observed');
  const documented = (raw.sources ?? []).some((s) => /SCCMdocs|memdocs/.test(s));
  return documented ? 'documented' : 'observed';
}

/** Array properties whose items the reference describes only on the variable (OSDAdapter). */
function withVariableArrayItems(rawStep, variablesByName) {
  return {
    ...rawStep,
    properties: rawStep.properties.map((p) => {
      const items = /^SMS_\w+\[\]$/.test(p.type) && !p.arrayItems ? variablesByName.get(p.variable)?.arrayItems : undefined;
      if (!items) return p;
      const arrayItems = Object.fromEntries(
        Object.entries(items).map(([name, text]) => [name, { type: /^true\/false/.test(text) ? 'boolean' : 'string', notes: text }]),
      );
      return { ...p, arrayItems };
    }),
  };
}

function convertStepType(raw) {
  const action = raw.defaultAction ?? {};
  const mdtAction = raw.mdt ? compact({ lti: action.lti ?? undefined, configmgr: action.configmgr ?? undefined }) : undefined;
  const annotations = (raw.readsVariables ?? []).concat(raw.setsVariables ?? []).filter((n) => n.startsWith('('));
  return compact({
    className: raw.className,
    element: raw.xmlElement,
    displayName: raw.displayName,
    category: raw.editorCategory,
    description: raw.description,
    flavor: raw.mdt ? 'mdt' : 'configmgr',
    defaultRunIn: environmentOf(raw.runIn?.default),
    allowedRunIn: allowedRunInOf(raw.runIn ?? {}),
    actionTemplate: action.template,
    properties: raw.properties.map((p) => convertProperty(p, raw.className)),
    defaultSuccessCodes: raw.defaultSuccessCodes,
    readsVariables: variableNames(raw.readsVariables),
    setsVariables: variableNames(raw.setsVariables),
    deprecated: raw.deprecated || undefined,
    confidence: stepConfidence(raw),
    actionXmlForm: action.xmlForm,
    mdtAction: mdtAction && Object.keys(mdtAction).length ? mdtAction : undefined,
    mdtMode: raw.mdt ? raw.flavor : undefined,
    defaultRetryCount: raw.defaultRetryCount,
    failureExitCode: raw.failureExitCode,
    notes: joinSentences(
      raw.notes,
      raw.limits && `Limits: ${raw.limits.join('; ')}`,
      annotations.length ? `Also: ${annotations.map((a) => a.slice(1, -1)).join('; ')}` : undefined,
    ),
  });
}

// ---------------------------------------------------------------------------------------------
// Applying the overlay

function findStep(steps, className) {
  const step = steps.find((s) => s.className === className);
  if (!step) throw new Error(`Overlay names unknown step type ${className}`);
  return step;
}

function findProperty(step, property) {
  const found = step.properties.find((p) => p.property === property);
  if (!found) throw new Error(`Overlay names unknown property ${step.className}.${property}`);
  return found;
}

function mergeList(existing, additions) {
  const out = [...(existing ?? [])];
  for (const a of additions ?? []) {
    if (!out.includes(a)) out.push(a);
  }
  return out;
}

/**
 * Applies one overlay patch: `set` (fields), `relaxTo` (a weaker requirement; the old one is kept
 * as documentedRequired, and as requiredInConfigMgr when `keepInConfigMgr`), `addValues`,
 * `addNonCanonicalValues`, `addAlternateVariables`, `note` (appended to the description) and
 * `arrayItemPatches`.
 */
function patchProperty(property, patch) {
  const next = { ...property, ...(patch.set ?? {}) };
  if (patch.relaxTo) {
    next.required = patch.relaxTo;
    next.documentedRequired = property.documentedRequired ?? property.required;
    if (patch.keepInConfigMgr) next.requiredInConfigMgr = property.required;
  }
  if (patch.note) next.description = joinSentences(next.description, patch.note);
  if (patch.addValues) next.values = mergeList(property.values, patch.addValues);
  if (patch.addNonCanonicalValues) next.nonCanonicalValues = mergeList(property.nonCanonicalValues, patch.addNonCanonicalValues);
  if (patch.addAlternateVariables) next.alternateVariables = mergeList(property.alternateVariables, patch.addAlternateVariables);
  if (patch.arrayItemPatches) {
    next.arrayItems = next.arrayItems.map((item) => {
      const itemPatch = patch.arrayItemPatches.find((p) => p.property === item.property);
      return itemPatch ? patchProperty(item, itemPatch) : item;
    });
  }
  return orderProperty(next);
}

const PROPERTY_KEY_ORDER = [
  'property', 'variable', 'type', 'required', 'values', 'valueNames', 'range', 'minLength', 'maxLength', 'pattern',
  'default', 'hidden', 'secret', 'global', 'deprecated', 'description', 'confidence', 'documentedRequired', 'requiredInConfigMgr', 'alternateVariables',
  'nonCanonicalValues', 'flavor', 'arrayItems',
];

function orderProperty(p) {
  const unknown = Object.keys(p).filter((k) => !PROPERTY_KEY_ORDER.includes(k));
  if (unknown.length) throw new Error(`Unknown PropertyInfo field(s) ${unknown.join(', ')} on ${p.property}`);
  return compact(Object.fromEntries(PROPERTY_KEY_ORDER.map((k) => [k, p[k]])));
}

const STEP_KEY_ORDER = [
  'className', 'element', 'displayName', 'category', 'description', 'flavor', 'defaultRunIn', 'allowedRunIn',
  'actionTemplate', 'properties', 'defaultSuccessCodes', 'readsVariables', 'setsVariables', 'deprecated', 'confidence',
  'actionXmlForm', 'mdtAction', 'mdtMode', 'defaultRetryCount', 'failureExitCode', 'alternateElements', 'notes',
];

function orderStep(s) {
  const unknown = Object.keys(s).filter((k) => !STEP_KEY_ORDER.includes(k));
  if (unknown.length) throw new Error(`Unknown StepTypeInfo field(s) ${unknown.join(', ')} on ${s.className}`);
  return compact(Object.fromEntries(STEP_KEY_ORDER.map((k) => [k, s[k]])));
}

function applyStepOverlay(steps, overlay) {
  let out = steps.concat(overlay.STEP_TYPE_ADDITIONS.map((s) => ({ ...s, properties: s.properties.map(orderProperty) })));
  for (const patch of overlay.STEP_TYPE_PATCHES) {
    const step = findStep(out, patch.className);
    const next = { ...step, ...(patch.set ?? {}) };
    if (patch.addAllowedRunIn) {
      const allowed = new Set([...step.allowedRunIn, ...patch.addAllowedRunIn]);
      next.allowedRunIn = ENVIRONMENTS.filter((e) => allowed.has(e));
    }
    out = out.map((s) => (s === step ? next : s));
  }
  for (const removal of overlay.PROPERTY_REMOVALS) {
    const step = findStep(out, removal.className);
    findProperty(step, removal.property);
    out = out.map((s) => (s === step ? { ...s, properties: s.properties.filter((p) => p.property !== removal.property) } : s));
  }
  for (const patch of overlay.PROPERTY_PATCHES) {
    const step = findStep(out, patch.className);
    const property = findProperty(step, patch.property);
    out = out.map((s) => (s === step ? { ...s, properties: s.properties.map((p) => (p === property ? patchProperty(p, patch) : p)) } : s));
  }
  for (const addition of overlay.PROPERTY_ADDITIONS) {
    const step = findStep(out, addition.className);
    for (const property of addition.properties) {
      if (step.properties.some((p) => p.property === property.property)) {
        throw new Error(`Overlay adds ${addition.className}.${property.property}, which already exists; patch it instead`);
      }
    }
    const added = addition.properties.map(orderProperty);
    out = out.map((s) => (s === step ? { ...s, properties: s.properties.concat(added) } : s));
  }
  return out.map(orderStep);
}

// ---------------------------------------------------------------------------------------------
// Conditions

function convertExpressionProperty(raw, siblings, className) {
  return compact({
    name: raw.name,
    type: raw.type,
    required: requirementOf(raw.required, { where: `${className}.${raw.name}`, siblings }),
    values: Array.isArray(raw.values) ? [...raw.values] : undefined,
    minLength: raw.minLength,
    maxLength: raw.maxLength,
    pattern: raw.pattern,
    description: joinSentences(raw.notes),
    example: raw.example,
  });
}

function convertExpressionKind(raw) {
  return {
    className: raw.className,
    editorName: raw.editorName,
    description: joinSentences(raw.description, raw.notes, raw.rules && `Rules: ${raw.rules.join('; ')}`),
    properties: raw.variables.map((v) => convertExpressionProperty(v, raw.variables, raw.className)),
    flavor: 'configmgr',
    confidence: confidenceOf(raw.confidence, 'documented'),
  };
}

function applyExpressionOverlay(kinds, overlay) {
  let out = kinds.concat(overlay.EXPRESSION_KIND_ADDITIONS);
  for (const patch of overlay.EXPRESSION_PROPERTY_PATCHES) {
    const kind = out.find((k) => k.className === patch.className);
    if (!kind) throw new Error(`Overlay names unknown expression kind ${patch.className}`);
    const properties = kind.properties.map((p) => {
      if (p.name !== patch.name) return p;
      const next = { ...p, ...(patch.set ?? {}) };
      if (patch.addValues) next.values = mergeList(p.values, patch.addValues);
      if (patch.addNonCanonicalValues) next.nonCanonicalValues = mergeList(p.nonCanonicalValues, patch.addNonCanonicalValues);
      return next;
    });
    if (!kind.properties.some((p) => p.name === patch.name)) throw new Error(`Overlay names unknown ${patch.className}.${patch.name}`);
    out = out.map((k) => (k === kind ? { ...k, properties } : k));
  }
  return out;
}

function convertOperators(reference) {
  return reference.conditionOperators.operators.map((o) => ({
    type: o.type,
    editorLabel: o.editorLabel,
    semantics: joinSentences(o.semantics, o.notes),
  }));
}

// ---------------------------------------------------------------------------------------------
// Variables

function convertVariable(raw) {
  return compact({
    name: raw.name,
    kind: raw.kind,
    readOnly: raw.readOnly,
    description: joinSentences(raw.description, raw.example && `Example: ${raw.example}`),
    appliesTo: raw.appliesTo ? [...raw.appliesTo] : undefined,
    type: raw.type ?? undefined,
    values: Array.isArray(raw.values) ? [...raw.values] : undefined,
    array: raw.array || undefined,
    secret: raw.secret || undefined,
    since: raw.since ?? undefined,
    flavor: undefined,
    confidence: confidenceOf(raw.confidence, 'documented'),
    settable: raw.settable,
    default: defaultOf(raw.default),
    range: rangeOf(raw.range),
    valueNames: raw.valueNames,
    arrayItems: raw.arrayItems,
  });
}

/** MDT's gathered variables are not ConfigMgr built-ins, but MDT conditions test them constantly. */
function mdtCommonVariables(reference, known) {
  const section = reference.mdtCommonVariables;
  return section.names
    .filter((name) => !known.has(name.toLowerCase()))
    .map((name) => ({
      name,
      kind: 'stepOutput',
      readOnly: false,
      description: 'MDT variable set by ZTIGather or CustomSettings.ini rules (not a ConfigMgr built-in); common in MDT conditions and actions.',
      flavor: 'mdt',
      confidence: confidenceOf(section.confidence, 'observed'),
      settable: true,
    }));
}

function buildVariables(reference, overlay) {
  const variables = reference.variables.map(convertVariable);
  const known = new Set(variables.map((v) => v.name.toLowerCase()));
  const mdt = mdtCommonVariables(reference, known);
  for (const v of mdt) known.add(v.name.toLowerCase());
  for (const v of overlay.VARIABLE_ADDITIONS) {
    if (known.has(v.name.toLowerCase())) throw new Error(`Overlay adds variable ${v.name}, which already exists`);
    known.add(v.name.toLowerCase());
  }
  const patched = variables.map((v) => {
    const patch = overlay.VARIABLE_PATCHES.find((p) => p.name === v.name);
    return patch ? compact({ ...v, ...(patch.set ?? {}), values: patch.addValues ? mergeList(v.values, patch.addValues) : v.values }) : v;
  });
  for (const patch of overlay.VARIABLE_PATCHES) {
    if (!variables.some((v) => v.name === patch.name)) throw new Error(`Overlay patches unknown variable ${patch.name}`);
  }
  return patched.concat(mdt, overlay.VARIABLE_ADDITIONS);
}

// ---------------------------------------------------------------------------------------------
// Elements and schema versions

function attributeDescription(raw) {
  const parts = [raw.notes];
  if (raw.maps) parts.push(`Maps to ${raw.maps}`);
  return joinSentences(...parts) ?? '';
}

function convertAttribute(name, raw, elementConfidence) {
  if (!ATTRIBUTE_TYPES.has(raw.type)) throw new Error(`Unknown attribute type "${raw.type}" on @${name}`);
  // "in defaultVarList/globalVarList": required only there, not inside <expression>.
  const conditional = typeof raw.required === 'string' ? /^in ([\w/]+)$/.exec(raw.required) : null;
  if (typeof raw.required === 'string' && !conditional) throw new Error(`Unmapped attribute requirement "${raw.required}"`);
  if (conditional) requirementReport.set(raw.required, { attribute: `required: false, requiredUnder: [${conditional[1].split('/').join(', ')}]` });
  return compact({
    name,
    type: raw.type,
    required: raw.required === true,
    values: Array.isArray(raw.values) ? [...raw.values] : undefined,
    minLength: raw.minLength,
    maxLength: raw.maxLength,
    pattern: raw.pattern,
    description: attributeDescription(raw),
    confidence: confidenceOf(raw.confidence, elementConfidence),
    default: raw.default,
    requiredUnder: conditional ? conditional[1].split('/') : undefined,
  });
}

function convertElement(name, raw) {
  const confidence = confidenceOf(raw.confidence, 'observed');
  return {
    name,
    description: joinSentences(raw.role, raw.notes, raw.childNotes, raw.childOrder, raw.cardinality && `Cardinality: ${raw.cardinality}`) ?? '',
    parents: [...raw.parents],
    children: [...raw.children],
    attributes: Object.entries(raw.attributes ?? {}).map(([attr, a]) => convertAttribute(attr, a, confidence)),
    hasText: typeof raw.content === 'string' && raw.content.startsWith('text'),
    confidence,
  };
}

const ATTRIBUTE_KEY_ORDER = [
  'name', 'type', 'required', 'values', 'minLength', 'maxLength', 'pattern', 'description', 'confidence', 'default', 'requiredUnder', 'requiredFor',
];

function orderAttribute(a) {
  const unknown = Object.keys(a).filter((k) => !ATTRIBUTE_KEY_ORDER.includes(k));
  if (unknown.length) throw new Error(`Unknown AttributeInfo field(s) ${unknown.join(', ')} on @${a.name}`);
  return compact(Object.fromEntries(ATTRIBUTE_KEY_ORDER.map((k) => [k, a[k]])));
}

function applyElementOverlay(elements, overlay) {
  let out = elements.concat(overlay.ELEMENT_ADDITIONS);
  for (const patch of overlay.ELEMENT_PATCHES) {
    const element = out.find((e) => e.name === patch.element);
    if (!element) throw new Error(`Overlay names unknown element ${patch.element}`);
    let attributes = element.attributes.map((a) => {
      const attributePatch = (patch.attributePatches ?? []).find((p) => p.name === a.name);
      if (!attributePatch) return a;
      const next = { ...a, ...(attributePatch.set ?? {}) };
      if (attributePatch.addValues) next.values = mergeList(a.values, attributePatch.addValues);
      return next;
    });
    for (const p of patch.attributePatches ?? []) {
      if (!element.attributes.some((a) => a.name === p.name)) throw new Error(`Overlay patches unknown attribute ${patch.element}@${p.name}`);
    }
    for (const added of patch.addAttributes ?? []) {
      if (attributes.some((a) => a.name === added.name)) throw new Error(`Overlay adds existing attribute ${patch.element}@${added.name}`);
      attributes = attributes.concat(added);
    }
    const next = {
      ...element,
      parents: mergeList(element.parents, patch.addParents),
      children: mergeList(element.children, patch.addChildren),
      attributes,
    };
    out = out.map((e) => (e === element ? next : e));
  }
  return out.map((e) => ({ ...e, attributes: e.attributes.map(orderAttribute) }));
}

function buildSchemaVersions(reference, overlay) {
  const known = reference.schemaVersions.known.map((k) => ({
    value: k.value,
    confidence: confidenceOf(k.confidence, 'documented'),
    description: k.notes,
  }));
  return known.concat(overlay.SCHEMA_VERSION_ADDITIONS);
}

// ---------------------------------------------------------------------------------------------
// Writing TypeScript

const INDENT = '  ';
const MAX_LINE = 140;

function quote(text) {
  const json = JSON.stringify(text);
  if (text.includes("'") && !text.includes('"')) {
    return json;
  }
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

function key(name) {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name);
}

function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function inline(value) {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  const entries = Object.entries(value).map(([k, v]) => `${key(k)}: ${inline(v)}`);
  return entries.length ? `{ ${entries.join(', ')} }` : '{}';
}

/** Values holding lists of objects are always expanded, so each listed object gets its own line. */
function holdsObjects(value) {
  if (Array.isArray(value)) {
    return value.some((v) => isPlainObject(v) || holdsObjects(v));
  }
  return isPlainObject(value) && Object.values(value).some(holdsObjects);
}

function format(value, depth, prefixLength) {
  const text = inline(value);
  const pad = INDENT.repeat(depth);
  const fits = pad.length + prefixLength + text.length + 1 <= MAX_LINE;
  if (typeof value !== 'object' || value === null || (fits && !holdsObjects(value))) {
    return text;
  }
  const inner = INDENT.repeat(depth + 1);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${inner}${format(v, depth + 1, 0)},`).join('\n')}\n${pad}]`;
  }
  const lines = Object.entries(value).map(([k, v]) => {
    const prefix = `${key(k)}: `;
    return `${inner}${prefix}${format(v, depth + 1, prefix.length)},`;
  });
  return `{\n${lines.join('\n')}\n${pad}}`;
}

function header(description) {
  return [
    '// GENERATED by scripts/generate-catalog.mjs from ../shared/reference/tasksequence-model.json and',
    '// scripts/catalog-overlay.mjs. Do not edit by hand: change the overlay (or the reference) and rerun',
    '// `node scripts/generate-catalog.mjs`.',
    `// ${description}`,
    '',
  ].join('\n');
}

function declaration(name, type, value) {
  return `export const ${name}: ${type} = ${format(value, 0, `export const ${name}: ${type} = `.length)};\n`;
}

function moduleText(description, imports, declarations) {
  return `${header(description)}${imports}\n\n${declarations.join('\n')}`;
}

function buildModules(reference, overlay) {
  const variablesByName = new Map(reference.variables.map((v) => [v.name, v]));
  const steps = applyStepOverlay(
    reference.stepTypes.map((s) => convertStepType(withVariableArrayItems(s, variablesByName))),
    overlay,
  );
  const untyped = overlay.MDT_UNTYPED_STEP_PROPERTIES.map(orderProperty);
  const referenceKinds = reference.conditionExpressionTypes.filter((k) => !k.xmlElement).map(convertExpressionKind);
  const kinds = applyExpressionOverlay(referenceKinds, overlay);
  const operators = convertOperators(reference);
  const variables = buildVariables(reference, overlay);
  const elements = applyElementOverlay(Object.entries(reference.elements).map(([n, e]) => convertElement(n, e)), overlay);
  const schemaVersions = buildSchemaVersions(reference, overlay);

  return {
    'stepTypes.ts': moduleText(
      `${steps.length} step types; UNTYPED_STEP_PROPERTIES are the defaultVarList of MDT steps that have no type.`,
      "import type { PropertyInfo, StepTypeInfo } from '../types';",
      [declaration('STEP_TYPES', 'readonly StepTypeInfo[]', steps), declaration('UNTYPED_STEP_PROPERTIES', 'readonly PropertyInfo[]', untyped)],
    ),
    'expressionKinds.ts': moduleText(
      `${kinds.length} <expression> kinds and the ${operators.length} <operator> types. The OS version group is an element (see elements.ts).`,
      "import type { ExpressionKindInfo, OperatorInfo } from '../types';",
      [declaration('EXPRESSION_KINDS', 'readonly ExpressionKindInfo[]', kinds), declaration('OPERATORS', 'readonly OperatorInfo[]', operators)],
    ),
    'variables.ts': moduleText(
      `${variables.length} task sequence variables.`,
      "import type { VariableInfo } from '../types';",
      [declaration('VARIABLES', 'readonly VariableInfo[]', variables)],
    ),
    'elements.ts': moduleText(
      `${elements.length} elements and the known <sequence version> values.`,
      "import type { ElementInfo, SchemaVersionInfo } from '../types';",
      [declaration('ELEMENTS', 'readonly ElementInfo[]', elements), declaration('SCHEMA_VERSIONS', 'readonly SchemaVersionInfo[]', schemaVersions)],
    ),
  };
}

function argument(name) {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main() {
  const outDir = path.resolve(argument('--out') ?? defaultOut);
  const reference = JSON.parse(readFileSync(referencePath, 'utf8'));
  const overlay = await import(pathToFileURL(overlayPath).href);
  const modules = buildModules(reference, overlay);
  mkdirSync(outDir, { recursive: true });
  for (const [file, text] of Object.entries(modules)) {
    writeFileSync(path.join(outDir, file), text);
  }
  if (process.argv.includes('--report')) {
    for (const [phrase, mapping] of requirementReport) {
      console.log(`${JSON.stringify(phrase)} -> ${JSON.stringify(mapping)}`);
    }
  }
}

await main();
