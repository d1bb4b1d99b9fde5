// Folding ranges: every element of the sequence that spans lines (groups, steps, conditions,
// defaultVarLists, …) and multi-line comments. The end tag line stays visible, as in other XML
// editors, so a folded group still shows where it ends.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { TaskSequenceDocument, XmlElement } from '../model';
import { elementTrees } from '../util/elements';
import { ItemBudget, NO_LIMIT, type ResultLimit } from './limits';
import { appendAll } from '../util/arrays';

export function getFoldingRanges(document: TextDocument, parsed: TaskSequenceDocument, limit: ResultLimit = NO_LIMIT): FoldingRange[] {
  const candidates: FoldingRange[] = [];
  for (const roots of elementTrees(parsed)) {
    collectElements(document, roots, candidates);
  }
  for (const comment of parsed.comments) {
    const startLine = document.positionAt(comment.span.start).line;
    const endLine = document.positionAt(comment.span.end).line;
    if (endLine > startLine) {
      candidates.push({ startLine, endLine, kind: FoldingRangeKind.Comment });
    }
  }
  // Outer ranges first, so that a cut keeps the overview and drops detail.
  candidates.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  const budget = new ItemBudget(limit);
  const ranges: FoldingRange[] = [];
  let previous: FoldingRange | undefined;
  for (const range of candidates) {
    if (previous && previous.startLine === range.startLine) {
      // Editors keep one range per start line; the first (outermost) wins.
      continue;
    }
    if (!budget.take()) {
      break;
    }
    ranges.push(range);
    previous = range;
  }
  return ranges;
}

function collectElements(document: TextDocument, elements: readonly XmlElement[], out: FoldingRange[]): void {
  const pending = [...elements];
  for (let element = pending.pop(); element; element = pending.pop()) {
    const range = elementRange(document, element);
    if (range) {
      out.push(range);
    }
    appendAll(pending, element.children);
  }
}

function elementRange(document: TextDocument, element: XmlElement): FoldingRange | undefined {
  const startLine = document.positionAt(element.startTag.start).line;
  const endLine = element.endTag
    ? document.positionAt(element.endTag.start).line - 1
    : document.positionAt(element.span.end).line;
  return endLine > startLine ? { startLine, endLine } : undefined;
}
