// Completion for the cursor's place, on half-typed text. The scanner says where the cursor is (tag
// name, attribute name, attribute value, element text); the parse tree says what encloses it
// (which expression kind, which step type). Everything offered comes from the catalog and from
// what the document itself defines.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import {
  allExpressionKinds,
  allStepTypes,
  allVariables,
  getElement,
  getExpressionKind,
  getStepType,
  UNTYPED_STEP_PROPERTIES,
} from '../catalog';
import type { ExpressionPropertyInfo, Flavor, PropertyInfo, StepTypeInfo } from '../catalog/types';
import type { TaskSequenceDocument, XmlElement } from '../model';
import { attributeValue } from '../model';
import { collectDocumentVariables, indexDocumentVariables, type DocumentVariable } from '../util/documentVariables';
import { enclosingElement, isEmbedded, topmost } from '../util/elements';
import { code, escapeMarkdown, toMarkupContent, type DocumentationFormat } from '../util/markup';
import { offsetRange } from '../util/ranges';
import {
  scanCursorContext,
  scannedAttribute,
  variableReferenceAt,
  wordEnd,
  wordStart,
  type ScannedAttribute,
  type ScannedTag,
} from '../util/scanner';
import { renderPlain, renderSnippet, type SnippetPart } from '../util/snippets';
import { conditionSnippets } from './conditionSnippets';
import { describeVariable, stepTypeDocumentation } from './hover';

export interface CompletionOptions {
  /** The client can expand snippets (tab stops, choices). */
  readonly snippets: boolean;
  readonly documentationFormat: DocumentationFormat;
}

/** Everything a completion provider needs about the request. */
interface Request {
  readonly document: TextDocument;
  readonly parsed: TaskSequenceDocument;
  readonly offset: number;
  readonly options: CompletionOptions;
}

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

/** Elements whose content is a list of condition operands. */
const CONDITION_CONTAINERS = new Set(['condition', 'operator']);
/** Properties of an expression whose text is a variable name. */
const VARIABLE_NAME_PROPERTIES = new Set(['Variable']);
const BOOLEAN_VALUES = ['true', 'false'];

export function doComplete(
  document: TextDocument,
  parsed: TaskSequenceDocument,
  position: Position,
  options: CompletionOptions,
  triggerCharacter?: string,
): CompletionList {
  const offset = document.offsetAt(position);
  const region = scanRegion(parsed, offset);
  if (region === undefined) {
    return EMPTY;
  }
  const request: Request = { document, parsed, offset, options };
  const context = scanCursorContext(parsed.text, offset, region);
  let items: CompletionItem[];
  switch (context.kind) {
    case 'tagName':
      items = triggerAllows(triggerCharacter, '<') ? completeTagName(request, context.tagStart, context.nameEnd, context.closing) : [];
      break;
    case 'attributeName':
      items = triggerAllows(triggerCharacter, ' ') ? completeAttributeName(request, context.tag, context.nameStart, context.nameEnd) : [];
      break;
    case 'attributeValue':
      items = triggerAllows(triggerCharacter, '"', "'", '=') ? completeAttributeValue(request, context.tag, context.attribute) : [];
      break;
    case 'content':
      items = completeContent(request, triggerCharacter);
      break;
    default:
      items = [];
  }
  return { isIncomplete: false, items };
}

/** A trigger character only asks for the completions it starts; invoking by hand asks for all. */
function triggerAllows(trigger: string | undefined, ...expected: string[]): boolean {
  return trigger === undefined || expected.includes(trigger);
}

/**
 * Where the scanner may look back to: the start of the document, or of an embedded sequence
 * kept verbatim in a CDATA section. Undefined when the cursor is in entity-escaped sequence text,
 * where XML completion makes no sense.
 */
function scanRegion(parsed: TaskSequenceDocument, offset: number): number | undefined {
  if (!parsed.sequence || !isEmbedded(parsed)) {
    return 0;
  }
  const root = topmost(parsed.sequence.element);
  if (offset < root.span.start || offset > root.span.end) {
    return 0;
  }
  return parsed.text.charAt(root.span.start) === '<' ? root.span.start : undefined;
}

// ---------------------------------------------------------------------------------------------
// Tag names

function completeTagName(request: Request, tagStart: number, nameEnd: number, closing: boolean): CompletionItem[] {
  const parent = enclosingElement(request.parsed, tagStart);
  const range = offsetRange(request.document, tagStart, nameEnd);
  if (closing) {
    return parent ? [closingTagItem(parent, offsetRange(request.document, tagStart, endOfTag(request.parsed.text, nameEnd)))] : [];
  }
  if (parent && CONDITION_CONTAINERS.has(parent.name)) {
    return conditionItems(request, range, '<');
  }
  if (parent?.name === 'osExpressionGroup') {
    return conditionItems(request, range, '<').filter((item) => item.detail && getExpressionKind(item.detail)?.properties.some((p) => p.name === 'Query'));
  }
  const names = parent ? (getElement(parent.name)?.children ?? []) : ['sequence'];
  return names.map((name, index) => {
    const info = getElement(name);
    const item: CompletionItem = {
      label: name,
      kind: CompletionItemKind.Property,
      textEdit: { range: offsetRange(request.document, tagStart + 1, nameEnd), newText: name },
      sortText: sortKey(0, index),
    };
    if (info) {
      item.documentation = toMarkupContent(escapeMarkdown(info.description), request.options.documentationFormat);
    }
    return item;
  });
}

function closingTagItem(open: XmlElement, range: Range): CompletionItem {
  return {
    label: `</${open.name}>`,
    kind: CompletionItemKind.Property,
    filterText: `</${open.name}>`,
    textEdit: { range, newText: `</${open.name}>` },
  };
}

/** After a closing tag's name: the `>` when it is already there, so that it is not doubled. */
function endOfTag(text: string, nameEnd: number): number {
  return text.charAt(nameEnd) === '>' ? nameEnd + 1 : nameEnd;
}

// ---------------------------------------------------------------------------------------------
// Conditions

/** Expression, operator and OS-version snippets replacing `range`; `prefix` is what the range starts with. */
function conditionItems(request: Request, range: Range, prefix: string): CompletionItem[] {
  return conditionSnippets().map((snippet) => {
    const item = insertItem(request, snippet.parts, range);
    item.label = snippet.label;
    item.kind = CompletionItemKind.Snippet;
    item.detail = snippet.detail;
    item.filterText = `${prefix}${snippet.label} ${snippet.detail}`;
    item.sortText = sortKey(0, snippet.order);
    item.documentation = toMarkupContent(snippet.documentation, request.options.documentationFormat);
    return item;
  });
}

/** An item inserting snippet parts, as a snippet or as plain text depending on the client. */
function insertItem(request: Request, parts: readonly SnippetPart[], range: Range): CompletionItem {
  const snippets = request.options.snippets;
  return {
    label: '',
    textEdit: { range, newText: snippets ? renderSnippet(parts) : renderPlain(parts) },
    insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
}

// ---------------------------------------------------------------------------------------------
// Attribute names

function completeAttributeName(request: Request, tag: ScannedTag, nameStart: number, nameEnd: number): CompletionItem[] {
  const info = getElement(tag.name);
  if (!info) {
    return [];
  }
  const present = new Set(tag.attributes.filter((a) => a.nameStart !== nameStart).map((a) => a.name));
  const range = offsetRange(request.document, nameStart, attributeEnd(tag, nameStart, nameEnd));
  return info.attributes
    .filter((a) => !present.has(a.name))
    .map((a, index) => {
      const item = insertItem(request, [`${a.name}="`, { tabStop: 1 }, '"'], range);
      item.label = a.name;
      item.kind = CompletionItemKind.Property;
      item.sortText = sortKey(a.required ? 0 : 1, index);
      item.documentation = toMarkupContent(escapeMarkdown(a.description), request.options.documentationFormat);
      if (request.options.snippets && (a.values?.length || a.name === 'type')) {
        // Open the value's completion right away.
        item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
      }
      return item;
    });
}

/** Replacing an attribute name that already has `="…"` keeps the value: only the name goes. */
function attributeEnd(tag: ScannedTag, nameStart: number, nameEnd: number): number {
  const existing = tag.attributes.find((a) => a.nameStart === nameStart);
  return existing ? existing.nameEnd : nameEnd;
}

// ---------------------------------------------------------------------------------------------
// Attribute values

interface ValueChoice {
  readonly value: string;
  readonly detail?: string;
  readonly documentation?: string;
  readonly kind?: CompletionItemKind;
  /** Lower sorts first. */
  readonly rank?: number;
  readonly deprecated?: boolean;
  /** Text written after the value's closing quote (e.g. a property attribute). */
  readonly after?: string;
}

function completeAttributeValue(request: Request, tag: ScannedTag, attr: ScannedAttribute): CompletionItem[] {
  const choices = valueChoices(request, tag, attr);
  return choices.map((choice, index) => valueItem(request, attr, choice, index));
}

function valueChoices(request: Request, tag: ScannedTag, attr: ScannedAttribute): ValueChoice[] {
  const parent = enclosingElement(request.parsed, tag.start);
  switch (`${tag.name}/${attr.name}`) {
    case 'step/type':
    case 'subtasksequence/type':
      return stepTypeChoices(request, tag.name);
    case 'expression/type':
      return expressionTypeChoices(request.parsed.flavor, parent);
    case 'step/runIn':
      return runInChoices(tag);
    case 'variable/name':
      return variableNameChoices(request, tag, parent);
    case 'variable/property':
      return parent?.name === 'defaultVarList' ? propertyChoices(parent, tag) : [];
    default:
      return catalogValueChoices(tag.name, attr.name);
  }
}

function valueItem(request: Request, attr: ScannedAttribute, choice: ValueChoice, index: number): CompletionItem {
  const start = attr.valueStart ?? 0;
  const end = attr.valueEnd ?? start;
  const quoted = attr.quote !== '';
  let newText = quoted ? choice.value : `"${choice.value}"`;
  let rangeEnd = end;
  if (choice.after) {
    // Close the value and add the rest after it, replacing the old closing quote.
    newText = `${quoted ? choice.value : `"${choice.value}`}${attr.quote || '"'}${choice.after}`;
    rangeEnd = attr.terminated ? end + 1 : end;
  }
  const item: CompletionItem = {
    label: choice.value,
    kind: choice.kind ?? CompletionItemKind.Value,
    textEdit: { range: offsetRange(request.document, start, rangeEnd), newText },
    filterText: quoted ? choice.value : `"${choice.value}`,
    sortText: sortKey(choice.rank ?? 0, index),
  };
  if (choice.detail) {
    item.detail = choice.detail;
    item.labelDetails = { description: choice.detail };
  }
  if (choice.documentation) {
    item.documentation = toMarkupContent(choice.documentation, request.options.documentationFormat);
  }
  if (choice.deprecated) {
    item.tags = [CompletionItemTag.Deprecated];
  }
  return item;
}

function stepTypeChoices(request: Request, elementName: string): ValueChoice[] {
  const flavor = request.parsed.flavor;
  return allStepTypes()
    .filter((s) => s.element === elementName || (s.alternateElements ?? []).includes(elementName as 'step' | 'subtasksequence'))
    .map((s) => ({
      value: s.className,
      detail: s.flavor === 'mdt' ? `${s.displayName} (MDT)` : s.displayName,
      documentation: stepTypeDocumentation(s),
      kind: CompletionItemKind.Class,
      // Types the document's flavor runs come first; deprecated ones last.
      rank: (validForFlavor(s, flavor) ? 0 : 1) + (s.deprecated ? 2 : 0),
      deprecated: s.deprecated,
    }));
}

function validForFlavor(step: StepTypeInfo, flavor: Flavor): boolean {
  return flavor === 'mdt' || step.flavor === 'configmgr';
}

function expressionTypeChoices(flavor: Flavor, parent: XmlElement | undefined): ValueChoice[] {
  // Under an OS version group only WMI expressions make sense.
  const onlyWmi = parent?.name === 'osExpressionGroup';
  return allExpressionKinds()
    .filter((k) => !onlyWmi || k.properties.some((p) => p.name === 'Query'))
    .map((k) => ({
      value: k.className,
      detail: k.editorName,
      documentation: escapeMarkdown(k.description),
      kind: CompletionItemKind.Class,
      rank: k.flavor === 'mdt' && flavor !== 'mdt' ? 1 : 0,
    }));
}

function runInChoices(tag: ScannedTag): ValueChoice[] {
  const values = getElement('step')?.attributes.find((a) => a.name === 'runIn')?.values ?? [];
  const typeName = scannedAttribute(tag, 'type')?.value;
  const type = typeName ? getStepType(typeName) : undefined;
  return values.map((value) => {
    const allowed = !type || type.allowedRunIn.includes(value as StepTypeInfo['allowedRunIn'][number]);
    const isDefault = type?.defaultRunIn === value;
    return {
      value,
      detail: isDefault ? `default for ${type?.displayName}` : allowed ? undefined : `not supported by ${type?.displayName}`,
      kind: CompletionItemKind.EnumMember,
      rank: isDefault ? 0 : allowed ? 1 : 2,
    };
  });
}

/** Values the catalog lists for an attribute: enums and booleans. */
function catalogValueChoices(elementName: string, attributeName: string): ValueChoice[] {
  const info = getElement(elementName)?.attributes.find((a) => a.name === attributeName);
  if (!info) {
    return [];
  }
  const values = info.values ?? (info.type === 'boolean' ? BOOLEAN_VALUES : []);
  return values.map((value) => ({
    value,
    detail: info.default === value ? 'default' : undefined,
    documentation: escapeMarkdown(info.description),
    kind: CompletionItemKind.EnumMember,
  }));
}

/** `name=` of a <variable>: what it names depends on where the <variable> is. */
function variableNameChoices(request: Request, tag: ScannedTag, parent: XmlElement | undefined): ValueChoice[] {
  switch (parent?.name) {
    case 'expression':
      return expressionPropertyChoices(parent);
    case 'defaultVarList':
      return stepVariableChoices(parent, tag);
    case 'globalVarList':
      return variableChoices(request, 'write');
    default:
      return [];
  }
}

function expressionPropertyChoices(expression: XmlElement): ValueChoice[] {
  const present = new Set(expression.children.filter((c) => c.name === 'variable').map((c) => attributeValue(c, 'name')));
  const type = attributeValue(expression, 'type');
  const kind = type ? getExpressionKind(type) : undefined;
  const properties = kind ? kind.properties : uniqueByName(allExpressionKinds().flatMap((k) => k.properties));
  return properties.map((p) => ({
    value: p.name,
    detail: expressionPropertyDetail(p),
    documentation: p.description ? escapeMarkdown(p.description) : undefined,
    kind: CompletionItemKind.Property,
    rank: present.has(p.name) ? 1 : 0,
  }));
}

function uniqueByName(properties: readonly ExpressionPropertyInfo[]): ExpressionPropertyInfo[] {
  const seen = new Set<string>();
  return properties.filter((p) => !seen.has(p.name) && seen.add(p.name) !== undefined);
}

function expressionPropertyDetail(property: ExpressionPropertyInfo): string {
  return property.required.kind === 'always' ? `${property.type}, required` : property.type;
}

/** The properties of the step that owns a defaultVarList. */
function stepProperties(defaultVarList: XmlElement): readonly PropertyInfo[] {
  const step = defaultVarList.parent;
  if (!step) {
    return [];
  }
  const type = attributeValue(step, 'type');
  if (type === undefined) {
    return UNTYPED_STEP_PROPERTIES;
  }
  return getStepType(type)?.properties ?? [];
}

function stepVariableChoices(defaultVarList: XmlElement, tag: ScannedTag): ValueChoice[] {
  const hasProperty = scannedAttribute(tag, 'property') !== undefined;
  const bound = boundNames(defaultVarList, 'name');
  return stepProperties(defaultVarList)
    .filter((p): p is PropertyInfo & { variable: string } => p.variable !== undefined)
    .map((p) => ({
      value: p.variable,
      detail: `property ${p.property}`,
      documentation: propertyDocumentation(p),
      kind: CompletionItemKind.Variable,
      rank: bound.has(p.variable.toLowerCase()) ? 2 : p.required.kind === 'always' ? 0 : 1,
      deprecated: p.deprecated,
      after: hasProperty ? undefined : ` property="${p.property}"${p.hidden ? ' hidden="true"' : ''}`,
    }));
}

function propertyChoices(defaultVarList: XmlElement, tag: ScannedTag): ValueChoice[] {
  const bound = boundNames(defaultVarList, 'property');
  const name = scannedAttribute(tag, 'name')?.value?.toLowerCase();
  return stepProperties(defaultVarList).map((p) => ({
    value: p.property,
    detail: p.variable ? `variable ${p.variable}` : undefined,
    documentation: propertyDocumentation(p),
    kind: CompletionItemKind.Property,
    rank: name !== undefined && p.variable?.toLowerCase() === name ? 0 : bound.has(p.property.toLowerCase()) ? 2 : 1,
    deprecated: p.deprecated,
  }));
}

/** The names (or properties) the defaultVarList already binds, lower-cased. */
function boundNames(defaultVarList: XmlElement, attributeName: string): Set<string> {
  return new Set(
    defaultVarList.children
      .map((c) => attributeValue(c, attributeName)?.toLowerCase())
      .filter((v): v is string => v !== undefined),
  );
}

function propertyDocumentation(property: PropertyInfo): string {
  const lines = [`${code(property.property)} (${property.type}${property.required.kind === 'always' ? ', required' : ''})`];
  if (property.description) {
    lines.push(escapeMarkdown(property.description));
  }
  if (property.values?.length) {
    lines.push(`Values: ${property.values.map(code).join(', ')}`);
  }
  if (property.default !== undefined) {
    lines.push(`Default: ${code(property.default)}`);
  }
  return lines.join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// Element text

function completeContent(request: Request, trigger: string | undefined): CompletionItem[] {
  const { parsed, offset, document } = request;
  const reference = variableReferenceAt(parsed.text, offset);
  if (reference) {
    return triggerAllows(trigger, '%') ? variableReferenceItems(request, reference.start, reference.end) : [];
  }
  if (trigger !== undefined) {
    return [];
  }
  const enclosing = enclosingElement(parsed, offset);
  if (!enclosing) {
    return [];
  }
  const start = wordStart(parsed.text, offset);
  const range = offsetRange(document, start, wordEnd(parsed.text, offset));
  if (CONDITION_CONTAINERS.has(enclosing.name)) {
    return conditionItems(request, range, '');
  }
  if (enclosing.name !== 'variable') {
    return [];
  }
  const name = attributeValue(enclosing, 'name');
  const container = enclosing.parent;
  if (name === undefined || !container) {
    return [];
  }
  if (container.name === 'expression') {
    return expressionValueItems(request, container, name, start);
  }
  if (container.name === 'defaultVarList') {
    const property = stepProperties(container).find((p) => p.variable?.toLowerCase() === name.toLowerCase() || p.property === attributeValue(enclosing, 'property'));
    const values = property?.values ?? (property?.type === 'boolean' ? BOOLEAN_VALUES : []);
    return values.map((value, index) => textItem(request, range, { value, kind: CompletionItemKind.EnumMember }, index));
  }
  return [];
}

/** The text of `<variable name="…">` inside an expression: operators, variable names, hives, types. */
function expressionValueItems(request: Request, expression: XmlElement, propertyName: string, wordStartOffset: number): CompletionItem[] {
  const type = attributeValue(expression, 'type');
  const kind = type ? getExpressionKind(type) : undefined;
  const property = kind?.properties.find((p) => p.name === propertyName);
  const range = offsetRange(request.document, wordStartOffset, wordEnd(request.parsed.text, request.offset));
  if (property?.name && VARIABLE_NAME_PROPERTIES.has(property.name) && kind?.properties.some((p) => p.name === 'Operator')) {
    return variableChoices(request, 'read').map((choice, index) => textItem(request, range, choice, index));
  }
  if (property?.values?.length) {
    return property.values.map((value, index) =>
      textItem(request, range, { value, kind: CompletionItemKind.Operator, detail: `${property.name} of ${kind?.editorName ?? 'this expression'}` }, index),
    );
  }
  if (property?.name === 'KeyPath') {
    return registryHiveItems(request, property, wordStartOffset);
  }
  if (property?.example) {
    return [textItem(request, range, { value: property.example, kind: CompletionItemKind.Value, detail: 'example' }, 0)];
  }
  return [];
}

/**
 * Registry hives at the start of a KeyPath. The catalog names them only in the property's
 * description, so they are read from there.
 */
function registryHiveItems(request: Request, property: ExpressionPropertyInfo, wordStartOffset: number): CompletionItem[] {
  const text = request.parsed.text;
  const valueStart = text.lastIndexOf('>', request.offset - 1) + 1;
  if (text.slice(valueStart, request.offset).includes('\\')) {
    return [];
  }
  const hives = [...new Set(property.description?.match(/HKEY_[A-Z_]+/g) ?? [])];
  const range = offsetRange(request.document, wordStartOffset, wordEnd(text, request.offset));
  return hives.map((hive, index) => textItem(request, range, { value: `${hive}\\`, kind: CompletionItemKind.Folder }, index));
}

function textItem(request: Request, range: Range, choice: ValueChoice, index: number): CompletionItem {
  const item: CompletionItem = {
    label: choice.value,
    kind: choice.kind ?? CompletionItemKind.Value,
    textEdit: { range, newText: choice.value },
    sortText: sortKey(choice.rank ?? 0, index),
  };
  if (choice.detail) {
    item.detail = choice.detail;
  }
  if (choice.documentation) {
    item.documentation = toMarkupContent(choice.documentation, request.options.documentationFormat);
  }
  if (choice.deprecated) {
    item.tags = [CompletionItemTag.Deprecated];
  }
  return item;
}

// ---------------------------------------------------------------------------------------------
// Variable names

function variableReferenceItems(request: Request, start: number, end: number): CompletionItem[] {
  const text = request.parsed.text;
  const closed = text.charAt(end) === '%';
  const range = offsetRange(request.document, start, closed ? end + 1 : end);
  return variableChoices(request, 'read').map((choice, index) => {
    const item = textItem(request, range, choice, index);
    item.textEdit = { range, newText: `${choice.value}%` };
    item.filterText = choice.value;
    return item;
  });
}

/**
 * Variables: those the document sets first (most likely meant), then the built-ins. `read`
 * offers every variable; `write` leaves out the read-only ones, which a sequence cannot set.
 */
function variableChoices(request: Request, use: 'read' | 'write'): ValueChoice[] {
  const { parsed } = request;
  const choices: ValueChoice[] = [];
  const seen = new Set<string>();
  const documentVariables = collectDocumentVariables(parsed);
  const byName = indexDocumentVariables(documentVariables);
  const setters = (name: string): DocumentVariable[] => byName.get(name.toLowerCase()) ?? [];
  for (const variable of documentVariables) {
    const key = variable.name.toLowerCase();
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    const line = request.document.positionAt(variable.span.start).line + 1;
    // Steps run in document order: a variable set further down has no value here yet.
    const later = variable.step !== undefined && variable.span.start > request.offset;
    const setter = variable.step ? `"${variable.step.name?.trim() || '(unnamed)'}"` : '';
    choices.push({
      value: variable.name,
      detail: variable.step ? `set ${later ? 'later ' : ''}by ${setter} (line ${line})` : `global variable (line ${line})`,
      documentation: describeVariable(request.document, variable.name, setters(variable.name)),
      kind: CompletionItemKind.Variable,
      rank: later ? 2 : 0,
    });
  }
  for (const info of allVariables()) {
    const key = info.name.toLowerCase();
    if (seen.has(key) || (use === 'write' && info.readOnly)) {
      continue;
    }
    seen.add(key);
    const otherFlavor = info.flavor !== undefined && info.flavor !== parsed.flavor;
    choices.push({
      value: info.name,
      detail: info.readOnly ? 'built-in, read-only' : 'built-in',
      documentation: describeVariable(request.document, info.name, setters(info.name)),
      kind: info.readOnly ? CompletionItemKind.Constant : CompletionItemKind.Variable,
      rank: info.kind === 'deprecated' ? 3 : otherFlavor ? 2 : 1,
      deprecated: info.kind === 'deprecated',
    });
  }
  return choices;
}

// ---------------------------------------------------------------------------------------------

/** Sort text: a rank (lower first), then the original order. */
function sortKey(rank: number, index: number): string {
  return `${rank}${String(index).padStart(4, '0')}`;
}
