// Smart select: attribute value → attribute → start tag → element → its parent element → … →
// root. In element text: the text → the element → … . A document too large to analyse gets
// word → line → document, from the text alone.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, SelectionRange } from 'vscode-languageserver-types';
import type { Span, TaskSequenceDocument, XmlElement } from '../model';
import { ancestry, elementAt } from '../util/elements';
import { containsSpan, sameSpan, spanToRange, touches } from '../util/ranges';
import { wordEnd, wordStart } from '../util/scanner';

export function getSelectionRanges(document: TextDocument, parsed: TaskSequenceDocument, positions: readonly Position[]): SelectionRange[] {
  return positions.map((position) => selectionRangeAt(document, parsed, document.offsetAt(position)));
}

/**
 * Selection ranges from the text alone (word → line → document), for a document too large to
 * analyse: LSP wants one range per position, and these cost a few searches each, whatever the size.
 */
export function getPlainSelectionRanges(document: TextDocument, positions: readonly Position[]): SelectionRange[] {
  const text = document.getText();
  return positions.map((position) => {
    const offset = document.offsetAt(position);
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline < 0 ? text.length : newline > lineStart && text.charAt(newline - 1) === '\r' ? newline - 1 : newline;
    const spans = [{ start: wordStart(text, offset, lineStart), end: wordEnd(text, offset) }, { start: lineStart, end: lineEnd }, { start: 0, end: text.length }];
    // Not on a word (or on an empty line): the next range out is the innermost.
    return chainOf(
      document,
      spans.filter((span) => span.end > span.start),
      offset,
    );
  });
}

function selectionRangeAt(document: TextDocument, parsed: TaskSequenceDocument, offset: number): SelectionRange {
  const element = elementAt(parsed, offset);
  const spans: Span[] = element ? [...innerSpans(element, offset), ...ancestry(element).map((e) => e.span)] : [];
  return chainOf(document, spans, offset);
}

/**
 * The selection range chain of `spans` (innermost first), keeping only those that strictly contain
 * the one kept before; an empty range at `offset` when none is left.
 */
function chainOf(document: TextDocument, spans: readonly Span[], offset: number): SelectionRange {
  const outward: Span[] = [];
  for (const span of spans) {
    const last = outward[outward.length - 1];
    if (!last || (containsSpan(span, last) && !sameSpan(span, last))) {
      outward.push(span);
    }
  }
  let chain: SelectionRange | undefined;
  for (let i = outward.length - 1; i >= 0; i--) {
    chain = { range: spanToRange(document, outward[i]), parent: chain };
  }
  return chain ?? { range: spanToRange(document, { start: offset, end: offset }) };
}

/** The parts of the element's own markup around the offset, innermost first. */
function innerSpans(element: XmlElement, offset: number): Span[] {
  if (touches(element.startTag, offset)) {
    const spans: Span[] = [];
    for (const attribute of element.attributes) {
      if (touches(attribute.span, offset)) {
        if (touches(attribute.valueSpan, offset)) {
          spans.push(attribute.valueSpan);
        }
        spans.push(attribute.span);
        break;
      }
    }
    if (touches(element.nameSpan, offset)) {
      spans.push(element.nameSpan);
    }
    spans.push(element.startTag);
    return spans;
  }
  if (element.endTag && touches(element.endTag, offset)) {
    return [element.endTag];
  }
  if (element.textSpan && touches(element.textSpan, offset)) {
    return [element.textSpan];
  }
  return [];
}
