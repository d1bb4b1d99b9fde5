// The outline: the sequence, its groups and steps in order, named as in the console's tree. The
// detail says what a step is (its type's display name) and what the tree icons would show:
// disabled, continue on error, and a short form of the condition. Disabled steps are also tagged
// deprecated, which editors render struck through, like the console's greyed-out steps.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SymbolKind, SymbolTag, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver-types';
import { getStepType } from '../catalog';
import type { SequenceNode, StepOrGroup, TaskSequenceDocument } from '../model';
import { attribute } from '../model';
import { describeCondition } from '../util/conditionText';
import { markdownToPlainText } from '../util/markup';
import { spanToRange } from '../util/ranges';
import { ItemBudget, NO_LIMIT, type ResultLimit } from './limits';

export const UNNAMED = '(unnamed)';
/** Detail of a step without a type: MDT's generic command line. */
export const TYPELESS_STEP = 'MDT command line';
const MAX_CONDITION_SUMMARY = 80;

export function findDocumentSymbols(document: TextDocument, parsed: TaskSequenceDocument, limit: ResultLimit = NO_LIMIT): DocumentSymbol[] {
  const sequence = parsed.sequence;
  if (!sequence) {
    return [];
  }
  const budget = new ItemBudget(limit);
  if (!budget.take()) {
    return [];
  }
  return [sequenceSymbol(document, sequence, budget)];
}

function sequenceSymbol(document: TextDocument, sequence: SequenceNode, budget: ItemBudget): DocumentSymbol {
  const element = sequence.element;
  const nameAttribute = attribute(element, 'name');
  const detail = [sequence.version !== undefined ? `version ${sequence.version}` : 'no version', sequence.description?.trim()]
    .filter((part): part is string => !!part)
    .join(' · ');
  return {
    name: sequence.name?.trim() || 'Task sequence',
    detail,
    kind: SymbolKind.Module,
    range: spanToRange(document, element.span),
    selectionRange: spanToRange(document, nameAttribute?.valueSpan ?? element.nameSpan),
    children: stepSymbols(document, sequence.steps, budget),
  };
}

function stepSymbols(document: TextDocument, nodes: readonly StepOrGroup[], budget: ItemBudget): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const node of nodes) {
    if (!budget.take()) {
      break;
    }
    const nameAttribute = attribute(node.element, 'name');
    const symbol: DocumentSymbol = {
      name: displayName(node),
      detail: stepDetail(node),
      kind: node.kind === 'group' ? SymbolKind.Namespace : node.isSubTaskSequence ? SymbolKind.Module : SymbolKind.Function,
      range: spanToRange(document, node.element.span),
      selectionRange: spanToRange(document, nameAttribute?.valueSpan ?? node.element.nameSpan),
    };
    if (!node.enabled) {
      symbol.tags = [SymbolTag.Deprecated];
    }
    if (node.kind === 'group') {
      symbol.children = stepSymbols(document, node.steps, budget);
    }
    symbols.push(symbol);
  }
  return symbols;
}

/** The name the console shows in its tree. */
export function displayName(node: StepOrGroup): string {
  return node.name?.trim() || UNNAMED;
}

/** What kind of step this is, in the console's words. */
export function stepKindName(node: StepOrGroup): string {
  if (node.kind === 'group') {
    return 'Group';
  }
  if (node.type === undefined) {
    return TYPELESS_STEP;
  }
  return getStepType(node.type)?.displayName ?? node.type;
}

function stepDetail(node: StepOrGroup): string {
  const parts: string[] = [];
  if (!node.enabled) {
    parts.push('disabled');
  }
  parts.push(stepKindName(node));
  if (node.continueOnError) {
    parts.push('continue on error');
  }
  if (node.condition) {
    parts.push(conditionSummary(node));
  }
  return parts.join(' · ');
}

function conditionSummary(node: StepOrGroup): string {
  const text = markdownToPlainText(describeCondition(node.condition!)).replace(/^Runs when /, 'if ');
  return text.length > MAX_CONDITION_SUMMARY ? `${text.slice(0, MAX_CONDITION_SUMMARY - 1)}…` : text;
}

/** The tree as flat SymbolInformation, for clients without hierarchical symbols. */
export function flattenSymbols(uri: string, symbols: readonly DocumentSymbol[], containerName?: string): SymbolInformation[] {
  const flat: SymbolInformation[] = [];
  for (const symbol of symbols) {
    flat.push({
      name: symbol.name,
      kind: symbol.kind,
      location: { uri, range: symbol.range },
      ...(containerName !== undefined ? { containerName } : {}),
      ...(symbol.tags ? { tags: symbol.tags } : {}),
    });
    flat.push(...flattenSymbols(uri, symbol.children ?? [], symbol.name));
  }
  return flat;
}
