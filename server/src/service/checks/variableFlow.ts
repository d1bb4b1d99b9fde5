// Variable flow: which task sequence variables a step's condition and command lines use, and
// whether anything could have set them by the time the step runs. A misspelt variable name is the
// commonest reason a step is silently skipped, but most variables a sequence reads are set outside
// it (collection and device variables, MDT's CustomSettings.ini, scripts through the TSEnvironment
// object), so this pass is deliberately conservative:
//
//   misspelled-variable  warning      the name is not set before this step and is not a built-in,
//                                     but it is within a typo of one that is (a built-in, a variable
//                                     this sequence sets, a Windows environment variable)
//   variable-not-set     information  ConfigMgr sequences without MDT's Gather only: nothing in the
//                                     sequence sets the variable before this step (a collection or
//                                     device variable must), or only a later step does
//
// What counts as set, in document order: built-in variables (catalog), Windows environment
// variables, <globalVarList>, and for each earlier step its non-hidden defaultVarList variables,
// the variables its type sets (catalog), Set Task Sequence Variable, output variables (Run Command
// Line / Run PowerShell Script, Format and Partition Disk's drive letter variables, Download
// Package Content's <name>01…), and the rules of Set Dynamic Variables. A step's own
// defaultVarList counts for its own action (`osdjoin.exe /type:%OSDJoinType%`).

import { allStepTypes, allVariables, getStepType, getVariable, isReadOnlyVariable, isStepPropertyVariable } from '../catalog';
import type { Problem, Span, StepNode, StepOrGroup, TaskSequenceDocument, VariableBinding, XmlElement } from '../model';
import { attribute, attributeValue } from '../model';
import { decodeWithMap } from '../parser/offsetMap';
import { buildXmlTree } from '../parser/xmlTree';
import { boundedDistance } from '../util/nearest';
import {
  CONDITION_PROPERTY_ROLES,
  EXPANDED_CONDITION_PROPERTIES,
  SET_DYNAMIC_VARIABLES_STEP,
  SET_VARIABLE_STEP,
  STEP_ROLES,
  VARIABLE_NAMING_PROPERTIES,
  WINDOWS_ENVIRONMENT_VARIABLES,
  type VariableNamingProperty,
} from './data/conventions';
import type { DocumentIndex } from './documentIndex';
import type { CheckContext } from './index';
import { textValueSpan } from './spanHelpers';
import { stepLabel, variableNameSpan } from './stepSupport';
import { appendAll } from '../util/arrays';
import { isAsciiDigit } from '../util/characters';

// ---------------------------------------------------------------------------------------------
// Writes

export type WriteKind = 'setVariable' | 'output' | 'indexed' | 'dynamicRule';

/** A variable a step sets, named by a value in the step (not a defaultVarList binding). */
export interface VariableWrite {
  readonly name: string;
  /** The characters of the name in the document. */
  readonly span: Span;
  readonly kind: WriteKind;
  readonly step: StepNode;
  /** The defaultVarList variable holding the name (or, for Set Dynamic Variables, the rules). */
  readonly binding: VariableBinding;
}

/** VARIABLE_NAMING_PROPERTIES by step type, each list in the order of the table. */
const NAMING_PROPERTIES: ReadonlyMap<string, readonly VariableNamingProperty[]> = new Map(
  VARIABLE_NAMING_PROPERTIES.map((p) => [p.stepType, VARIABLE_NAMING_PROPERTIES.filter((q) => q.stepType === p.stepType)]),
);

/** Every variable `step` writes by name: Set Task Sequence Variable, output variables, dynamic rules. */
export function collectWrites(document: TaskSequenceDocument, step: StepNode): VariableWrite[] {
  const type = step.type;
  const namingProperties = type === undefined ? undefined : NAMING_PROPERTIES.get(type);
  if (type === undefined || (!namingProperties && type !== SET_VARIABLE_STEP.stepType && type !== SET_DYNAMIC_VARIABLES_STEP.stepType)) {
    return []; // most step types write no variable by name
  }
  const writes: VariableWrite[] = [];
  for (let i = 0; i < step.variables.length; i++) {
    const binding = step.variables[i];
    const property = binding.property ?? binding.name;
    const value = binding.value.trim();
    if (type === SET_VARIABLE_STEP.stepType && property === SET_VARIABLE_STEP.property) {
      if (value !== '') {
        writes.push({ name: value, span: textValueSpan(document.text, binding.element), kind: 'setVariable', step, binding });
      }
    } else if (type === SET_DYNAMIC_VARIABLES_STEP.stepType && property === SET_DYNAMIC_VARIABLES_STEP.property) {
      appendAll(writes, dynamicRuleWrites(document, step, binding));
    } else if (value !== '') {
      const naming = namingPropertyFor(namingProperties ?? [], property);
      if (naming) {
        const kind: WriteKind = naming.use === 'setsIndexed' ? 'indexed' : 'output';
        writes.push({ name: value, span: textValueSpan(document.text, binding.element), kind, step, binding });
      }
    }
  }
  return writes;
}

function namingPropertyFor(namingProperties: readonly VariableNamingProperty[], property: string): VariableNamingProperty | undefined {
  return namingProperties.find((p) => (p.arrayItem ? isArrayItem(property, p.property) : p.property === property));
}

/** `Partitions0VolumeLetterVariable` is item `VolumeLetterVariable` of an array property. */
function isArrayItem(property: string, item: string): boolean {
  return property.endsWith(item) && /^[A-Za-z]*\d+$/.test(property.slice(0, property.length - item.length));
}

/** `<Variable Name="X">` of each rule in the XML-escaped rules of Set Dynamic Variables. */
function dynamicRuleWrites(document: TaskSequenceDocument, step: StepNode, binding: VariableBinding): VariableWrite[] {
  const element = binding.element;
  const span = element.textSpan;
  if (!span || !binding.value.includes('<')) {
    return [];
  }
  const raw = document.text.slice(span.start, span.end);
  const decoded = decodeWithMap(raw, span.start);
  const map =
    raw === binding.value
      ? { toOuter: (inner: number) => span.start + inner }
      : decoded.text === binding.value
        ? decoded.map
        : { toOuter: () => span.start }; // written with two layers of escaping: point at the rules
  const tree = buildXmlTree(binding.value, map, { maxDepth: 64, maxElements: 100_000 });
  const writes: VariableWrite[] = [];
  const pending = [...tree.roots];
  for (let e = pending.pop(); e; e = pending.pop()) {
    appendAll(pending, e.children);
    if (e.name === SET_DYNAMIC_VARIABLES_STEP.variableElement) {
      const name = attribute(e, SET_DYNAMIC_VARIABLES_STEP.nameAttribute);
      if (name && name.value.trim() !== '') {
        writes.push({ name: name.value.trim(), span: name.valueSpan, kind: 'dynamicRule', step, binding });
      }
    }
  }
  return writes.sort((a, b) => a.span.start - b.span.start);
}

// ---------------------------------------------------------------------------------------------
// References

/** A variable a step or group reads: in a condition, or as %Name% in its action or a value. */
export interface VariableReference {
  readonly name: string;
  readonly span: Span;
  readonly where: ReadPlace;
}

export type ReadPlace = 'condition' | 'commandLine';

/**
 * Told of each variable a node reads, in the order the engine reads them (see collectReferences),
 * with the characters of its name: a large sequence reads thousands, nearly all of them set
 * before or built in, so no reference object is made for one unless it is reported.
 */
export interface ReferenceSink {
  read(name: string, start: number, end: number, where: ReadPlace): void;
}

/**
 * Tells `sink` of the `%Name%` references in an element's text (`%` [A-Za-z_] [A-Za-z0-9_-]*
 * `(x86)`? `%`). The document text is scanned in place: a regular expression over a copy of each
 * text cost a copy, a match array and two strings per reference.
 */
export function percentReferences(text: string, element: XmlElement, sink: ReferenceSink): void {
  if (!element.text.includes('%')) {
    return; // most texts: the cheap test first
  }
  const span = element.textSpan;
  if (!span) {
    return;
  }
  for (let percent = text.indexOf('%', span.start); percent >= 0 && percent < span.end; ) {
    const start = percent + 1;
    const end = referenceEnd(text, start, span.end);
    if (end < 0) {
      percent = text.indexOf('%', start);
      continue;
    }
    const name = text.slice(start, end);
    if (!URL_ESCAPE.test(name)) {
      sink.read(name, start, end, 'commandLine');
    }
    percent = text.indexOf('%', end + 1);
  }
}

/** %2F%3A… in URLs, which are not references. (Compiled once, as the other patterns tested for every reference.) */
const URL_ESCAPE = /^[0-9A-F]{2}$/;
/** A name a variable condition can test. */
const CONDITION_VARIABLE = /^[A-Za-z0-9_-]+$/;

/** Where the `%` closing a reference name that starts at `start` is, before `limit`; -1 when there is no such name there. */
function referenceEnd(text: string, start: number, limit: number): number {
  if (start >= limit || !isNameStart(text.charCodeAt(start))) {
    return -1;
  }
  let i = start + 1;
  while (i < limit && isNameCharacter(text.charCodeAt(i))) {
    i++;
  }
  if (i + X86.length < limit && text.startsWith(X86, i) && text.charCodeAt(i + X86.length) === PERCENT) {
    return i + X86.length;
  }
  return i < limit && text.charCodeAt(i) === PERCENT ? i : -1;
}

/** The suffix of the 32-bit program folder variables (%ProgramFiles(x86)%). */
const X86 = '(x86)';
const PERCENT = 0x25;

/** [A-Za-z_] */
function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

/** [A-Za-z0-9_-] */
function isNameCharacter(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d;
}

/** Tells `sink` what a step or group reads, in the order the engine does: condition first, then the command line. */
export function collectReferences(index: DocumentIndex, node: StepOrGroup, sink: ReferenceSink): void {
  const text = index.document.text;
  const conditions = node.conditions;
  const pending: XmlElement[] = [];
  for (let c = 0; c < conditions.length; c++) {
    pending.push(conditions[c].element);
    for (let e = pending.pop(); e; e = pending.pop()) {
      for (let i = e.children.length - 1; i >= 0; i--) {
        pending.push(e.children[i]);
      }
      if (e.name === 'expression') {
        expressionReferences(text, e, sink);
      }
    }
  }
  if (node.kind === 'step') {
    if (node.action) {
      percentReferences(text, node.action, sink);
    }
    // The exact type only: a type in the wrong letter case is not a known step type here.
    const properties = node.type && getStepType(node.type) ? index.bindingProperties(node) : undefined;
    for (let i = 0; i < node.variables.length; i++) {
      const binding = node.variables[i];
      // Scripts embedded in a value (Run PowerShell Script's source) and the escaped rules XML are
      // not command lines: `%` means something else there. (Most values hold no `%`: tested first.)
      if (binding.value.includes('%') && properties?.[i]?.type !== 'xml-string' && !binding.value.includes('\n')) {
        percentReferences(text, binding.element, sink);
      }
    }
  }
}

/** The variable a variable condition tests, and the %Name% references in the properties the engine expands. */
function expressionReferences(text: string, expression: XmlElement, sink: ReferenceSink): void {
  const variableKind = isVariableKind(attributeValue(expression, 'type'));
  const properties = expression.children;
  // Indexed, not for…of: the parser shares one frozen empty array, on which for…of allocates.
  for (let i = 0; i < properties.length; i++) {
    const property = properties[i];
    const name = property.name === 'variable' ? attributeValue(property, 'name') : undefined;
    if (name === CONDITION_PROPERTY_ROLES.variableName.property && variableKind) {
      const value = property.text.trim();
      if (value !== '' && CONDITION_VARIABLE.test(value)) {
        const span = textValueSpan(text, property);
        sink.read(value, span.start, span.end, 'condition');
      }
    } else if (name !== undefined && EXPANDED_CONDITION_PROPERTIES.includes(name)) {
      percentReferences(text, property, sink);
    }
  }
}

function isVariableKind(type: string | undefined): boolean {
  return type === CONDITION_PROPERTY_ROLES.variableName.kind;
}

// ---------------------------------------------------------------------------------------------
// The flow pass

interface Definition {
  readonly name: string;
  /** `name` lower-cased: variable names are not case-sensitive. */
  readonly key: string;
  /** The step that sets the variable; undefined for the <globalVarList>. */
  readonly step: StepNode | undefined;
  /** Where that step is in document order (its index in DocumentIndex.nodes); GLOBAL for the <globalVarList>. */
  readonly order: number;
  /**
   * Where the variable is set: the span, or the defaultVarList / globalVarList variable whose name
   * is shown (see definitionSpan; worked out only for a problem, most definitions never need it).
   */
  readonly where: Span | VariableBinding;
}

/** The order of the <globalVarList>: before every step. */
const GLOBAL = -1;

function makeDefinition(name: string, step: StepNode | undefined, order: number, where: Span | VariableBinding, key = name.toLowerCase()): Definition {
  return { name, key, step, order, where };
}

function definitionSpan({ where }: Definition): Span {
  return 'element' in where ? variableNameSpan(where) : where;
}

const ENVIRONMENT = new Set(WINDOWS_ENVIRONMENT_VARIABLES.map((v) => v.toLowerCase()));

/** Names a typo can be measured against: built-ins, step property variables, environment variables. */
let builtinCandidates: readonly KnownName[] | undefined;
function builtinNames(): readonly KnownName[] {
  if (!builtinCandidates) {
    const names = new Set<string>();
    // MDT's variables are left out here: see mdtNames().
    for (const v of allVariables()) {
      if (v.flavor !== 'mdt') {
        names.add(v.name);
      }
    }
    for (const s of allStepTypes()) {
      if (s.flavor === 'mdt') {
        continue;
      }
      for (const p of s.properties) {
        if (p.flavor === 'mdt') {
          continue;
        }
        for (const v of [p.variable, ...(p.alternateVariables ?? [])]) {
          if (v && v.length > 3) {
            names.add(v);
          }
        }
      }
      for (const v of [...(s.setsVariables ?? []), ...(s.readsVariables ?? [])]) {
        names.add(v);
      }
    }
    for (const v of WINDOWS_ENVIRONMENT_VARIABLES) {
      names.add(v);
    }
    builtinCandidates = [...names].map(knownName);
  }
  return builtinCandidates;
}

/**
 * MDT's variables (ZTIGather, CustomSettings.ini) as typo targets for conditions only: in command
 * lines, custom CustomSettings.ini properties with close names (SLShare / SLServer, OSGUID / an
 * admin's OSDGUID) are normal, while a condition on a misspelt PHASE or DeploymentType silently
 * skips steps.
 */
let mdtCandidates: readonly KnownName[] | undefined;
function mdtNames(): readonly KnownName[] {
  mdtCandidates ??= allVariables()
    .filter((v) => v.flavor === 'mdt')
    .map((v) => knownName(v.name));
  return mdtCandidates;
}

/** True for names the engine, ConfigMgr or Windows define whatever the sequence does. */
function isBuiltin(name: string): boolean {
  const lower = name.toLowerCase();
  if (getVariable(name) || ENVIRONMENT.has(lower) || isStepPropertyVariable(name)) {
    return true;
  }
  // Array elements: OSDAdapter0IPAddressList, OSDPartitions1Type…
  const indexed = /^([A-Za-z_]+?)(\d+)([A-Za-z].*)?$/.exec(name);
  if (indexed && getVariable(indexed[1])?.array) {
    return true;
  }
  return setByStepTypes().has(lower);
}

/**
 * isBuiltin, remembered by lower-cased name in `cache`: a sequence reads the same few variables
 * over and over, and the answer does not depend on case (reference names are ASCII).
 */
function isBuiltinName(cache: Map<string, boolean>, name: string, lower: string): boolean {
  let builtin = cache.get(lower);
  if (builtin === undefined) {
    builtin = isBuiltin(name);
    cache.set(lower, builtin);
  }
  return builtin;
}

let stepTypeOutputs: ReadonlySet<string> | undefined;
/** Every variable some step type sets (catalog), lower-cased. */
function setByStepTypes(): ReadonlySet<string> {
  stepTypeOutputs ??= new Set(allStepTypes().flatMap((s) => (s.setsVariables ?? []).map((v) => v.toLowerCase())));
  return stepTypeOutputs;
}

export function checkVariableFlow({ document, index }: CheckContext): Problem[] {
  const sequence = document.sequence;
  if (!sequence) {
    return [];
  }
  // Where the sequence first sets each name, in the order the engine runs (the globalVarList
  // first): a name is set before a step when that first place comes before it; it is also what
  // "set only later" and "did you mean" look at.
  const firstSet = new Map<string, Definition>();
  const indexedBases = new Set<string>();
  for (const v of sequence.globalVariables) {
    define(firstSet, v.name, undefined, GLOBAL, v, index.lowerCase(v.name));
  }
  const nodes = index.nodes;
  for (let order = 0; order < nodes.length; order++) {
    const node = nodes[order];
    if (node.kind !== 'step') {
      continue;
    }
    const writes = index.writesOf(node);
    defineStep(index, firstSet, node, order, writes);
    for (let i = 0; i < writes.length; i++) {
      const w = writes[i];
      if (w.kind === 'indexed') {
        indexedBases.add(index.lowerCase(w.name));
      }
    }
  }
  const gather = STEP_ROLES.gather;
  const usesGather = index.steps.some((n) => n.type === gather.stepType || gather.script.test(n.action?.text ?? ''));
  const lenient = document.flavor === 'mdt' || usesGather;

  const reads = new ReadJudge(index, firstSet, indexedBases, new TypoTargets(firstSet), lenient);
  for (let order = 0; order < nodes.length; order++) {
    reads.startNode(nodes[order], order);
    collectReferences(index, nodes[order], reads);
  }
  return reads.problems;
}

/** Judges each variable a node reads as collectReferences reports it: is it set by then, and if not, is it a typo? */
class ReadJudge implements ReferenceSink {
  readonly problems: Problem[] = [];
  private readonly builtin = new Map<string, boolean>();
  /** The names reported for the current node: one set for every node, emptied between them. */
  private readonly reported = new Set<string>();
  private node: StepOrGroup | undefined;
  private order = 0;
  /** The node's own variables (its action reads them too), made only for a name that is neither set before nor built in. */
  private own: ReadonlySet<string> | undefined;

  constructor(
    private readonly index: DocumentIndex,
    /** Where the sequence first sets each name (see checkVariableFlow). */
    private readonly firstSet: ReadonlyMap<string, Definition>,
    /** The names (lower case) that steps write with an index after them (OSDAdapter0…). */
    private readonly indexedBases: ReadonlySet<string>,
    private readonly typos: TypoTargets,
    private readonly lenient: boolean,
  ) {}

  /** The reads that follow are those of `node`, at `order` in the document. */
  startNode(node: StepOrGroup, order: number): void {
    this.node = node;
    this.order = order;
    this.own = undefined;
    if (this.reported.size > 0) {
      this.reported.clear();
    }
  }

  read(name: string, start: number, end: number, where: ReadPlace): void {
    const lower = this.index.lowerCase(name);
    if (this.reported.has(lower) || isSetBefore(this.firstSet.get(lower), this.order) || isBuiltinName(this.builtin, name, lower)) {
      return;
    }
    const node = this.node;
    this.own ??= new Set(node?.kind === 'step' ? node.variables.map((v) => this.index.lowerCase(v.name)) : []);
    if (this.own.has(lower) || isIndexedWrite(lower, this.indexedBases)) {
      return;
    }
    this.reported.add(lower);
    const problem = judgeUnknown({ name, span: { start, end }, where }, this.firstSet, this.typos, this.lenient);
    if (problem) {
      this.problems.push(problem);
    }
  }
}

/** Records where a name is set, unless an earlier place sets it (names are set again and again: most calls record nothing). */
function define(
  map: Map<string, Definition>,
  name: string,
  step: StepNode | undefined,
  order: number,
  where: Span | VariableBinding,
  key: string,
): void {
  if (!map.has(key)) {
    map.set(key, makeDefinition(name, step, order, where, key));
  }
}

/** True when the first place that sets a name comes before the node at `order`. */
function isSetBefore(first: Definition | undefined, order: number): boolean {
  return first !== undefined && first.order < order;
}

/** Records the names `step` (at `order` in the document) sets once it has run. */
function defineStep(index: DocumentIndex, map: Map<string, Definition>, step: StepNode, order: number, writes: readonly VariableWrite[]): void {
  for (let i = 0; i < writes.length; i++) {
    const w = writes[i];
    if (w.kind !== 'indexed') {
      define(map, w.name, step, order, w.span, index.lowerCase(w.name));
    }
  }
  const variables = step.variables;
  for (let i = 0; i < variables.length; i++) {
    const binding = variables[i];
    if (!binding.hidden && binding.name !== '') {
      define(map, binding.name, step, order, binding, index.lowerCase(binding.name));
    }
  }
  const type = step.type ? getStepType(step.type) : undefined;
  const sets = type?.setsVariables;
  if (sets) {
    for (let i = 0; i < sets.length; i++) {
      define(map, sets[i], step, order, step.element.nameSpan, index.lowerCase(sets[i]));
    }
  }
}

/**
 * Whether `lower` is one of `bases` followed by digits. Looked up, not searched: every step that
 * writes an indexed name adds to the bases, and a search for every unknown read made the check
 * quadratic in the size of the sequence.
 */
function isIndexedWrite(lower: string, bases: ReadonlySet<string>): boolean {
  // Every split within the trailing digits: a base may end in a digit itself.
  for (let end = lower.length; end > 0 && isAsciiDigit(lower.charCodeAt(end - 1)); end--) {
    if (bases.has(lower.slice(0, end - 1))) {
      return true;
    }
  }
  return false;
}

function judgeUnknown(reference: VariableReference, everywhere: ReadonlyMap<string, Definition>, typos: TypoTargets, lenient: boolean): Problem | undefined {
  const name = reference.name;
  const lower = name.toLowerCase();
  const later = everywhere.get(lower);
  if (later) {
    if (lenient || !later.step) {
      return undefined;
    }
    return {
      code: 'variable-not-set',
      severity: 'information',
      message: `${name} is set only by a later step (${stepLabel(later.step)}); here it has a value only if a collection or device variable sets it.`,
      span: reference.span,
      related: [{ span: definitionSpan(later), message: `${later.name} is set here` }],
    };
  }
  const near = typos.nearest(reference);
  if (near) {
    const definition = everywhere.get(near.toLowerCase());
    const where = reference.where === 'condition' ? 'This condition tests' : 'This command line uses';
    return {
      code: 'misspelled-variable',
      severity: 'warning',
      message: `${where} "${name}", which no earlier step sets and which is not a built-in variable. Did you mean "${near}"?`,
      span: reference.span,
      related: definition?.step ? [{ span: definitionSpan(definition), message: `${near} is set here` }] : undefined,
      data: { replacements: [near] },
    };
  }
  if (lenient || isReadOnlyVariable(name)) {
    return undefined;
  }
  return {
    code: 'variable-not-set',
    severity: 'information',
    message: `No step before this one sets ${name}, and it is not a built-in variable: it has a value only if a collection or device variable (or a script) sets it.`,
    span: reference.span,
  };
}

/**
 * The known name `name` most likely misspells, case aside: one edit away for names of up to five
 * characters; two for longer ones when the first character agrees (prefixes such as OSD, SL, Is
 * carry meaning); for long names sharing two thirds of the shorter one as a prefix, up to a quarter
 * of the length in left-out or extra characters (_SMSTSInWindowsPE for _SMSTSInWinPE, but not
 * _SMSTSHTTPPort or _SMSTSMPCerts for _SMSTSMPPort). Names differing only in digits are different variables
 * (Disk1 / Disk2), never typos of each other.
 */
function nearestName(name: string, candidates: readonly (readonly KnownName[])[]): string | undefined {
  const unknown = knownName(name);
  let best: { name: string; distance: number } | undefined;
  for (let l = 0; l < candidates.length; l++) {
    const list = candidates[l];
    for (let i = 0; i < list.length; i++) {
      const candidate = list[i];
      const c = candidate.lower;
      if (candidate.shape === unknown.shape) {
        continue;
      }
      const limit = typoLimit(unknown.lower, c);
      if (Math.abs(c.length - unknown.lower.length) > limit) {
        continue;
      }
      const distance = boundedDistance(unknown.lower, c, limit);
      // Beyond two edits only left-out or extra characters count (Windows for Win), not changed ones.
      const plausible = distance <= Math.min(limit, 2) || (distance <= limit && distance === Math.abs(c.length - unknown.lower.length));
      if (plausible && (!best || distance < best.distance)) {
        best = { name: candidate.name, distance };
      }
    }
  }
  return best?.name;
}

/** A name with the forms nearestName compares: lower case, and with every run of digits as one "#". */
interface KnownName {
  readonly name: string;
  readonly lower: string;
  readonly shape: string;
}

function knownName(name: string): KnownName {
  const lower = name.toLowerCase();
  return { name, lower, shape: lower.replace(/\d+/g, '#') };
}

/**
 * What "did you mean" compares unknown names with, prepared once per run: a document can have
 * hundreds of unknown references, each measured against hundreds of names, and the same unknown
 * name comes back in step after step.
 */
class TypoTargets {
  private setInDocument: readonly KnownName[] | undefined;
  private readonly answers = new Map<string, string | undefined>();

  constructor(private readonly everywhere: ReadonlyMap<string, Definition>) {}

  nearest(reference: VariableReference): string | undefined {
    const key = `${reference.where}:${reference.name}`;
    if (this.answers.has(key)) {
      return this.answers.get(key);
    }
    this.setInDocument ??= [...this.everywhere.values()].map((d) => knownName(d.name));
    const lists = reference.where === 'condition' ? [builtinNames(), mdtNames(), this.setInDocument] : [builtinNames(), this.setInDocument];
    const near = nearestName(reference.name, lists);
    this.answers.set(key, near);
    return near;
  }
}

function typoLimit(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  if (shorter <= 5) {
    return 1;
  }
  if (a[0] !== b[0]) {
    return 1;
  }
  if (shorter >= 10 && commonPrefixLength(a, b) * 3 >= shorter * 2) {
    return Math.max(2, Math.floor(Math.max(a.length, b.length) / 4));
  }
  return 2;
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) {
    i++;
  }
  return i;
}
