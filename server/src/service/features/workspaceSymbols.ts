// Workspace symbols: find a step or group by name across the open task sequences.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import type { TaskSequenceDocument } from '../model';
import { walkSteps } from '../model';
import { spanToRange } from '../util/ranges';
import { displayName } from './documentSymbols';
import { ItemBudget, NO_LIMIT, type ResultLimit } from './limits';

export interface ParsedDocument {
  readonly document: TextDocument;
  readonly parsed: TaskSequenceDocument;
}

export function findWorkspaceSymbols(documents: readonly ParsedDocument[], query: string, limit: ResultLimit = NO_LIMIT): SymbolInformation[] {
  const budget = new ItemBudget(limit);
  const matches = matcher(query);
  const results: SymbolInformation[] = [];
  for (const { document, parsed } of documents) {
    for (const node of walkSteps(parsed.sequence?.steps ?? [])) {
      const name = displayName(node);
      if (!matches(name)) {
        continue;
      }
      if (!budget.take()) {
        return results;
      }
      results.push({
        name,
        kind: node.kind === 'group' ? SymbolKind.Namespace : SymbolKind.Function,
        location: { uri: document.uri, range: spanToRange(document, node.element.span) },
        ...(node.parent ? { containerName: displayName(node.parent) } : {}),
      });
    }
  }
  return results;
}

/** Case-insensitive: the query's characters appear in the name in order (editors rank the rest). */
function matcher(query: string): (name: string) => boolean {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  return (name) => {
    const lower = name.toLowerCase();
    let at = 0;
    for (const c of wanted) {
      at = lower.indexOf(c, at);
      if (at < 0) {
        return false;
      }
      at++;
    }
    return true;
  };
}
