// Smart select: attribute value → attribute → start tag → element → its parent element → … →
// root. In element text: the text → the element → … .

import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, SelectionRange } from 'vscode-languageserver-types';
import type { Span, TaskSequenceDocument, XmlElement } from '../model';
import { ancestry, elementAt } from '../util/elements';
import { containsSpan, sameSpan, spanToRange, touches } from '../util/ranges';

export function getSelectionRanges(document: TextDocument, parsed: TaskSequenceDocument, positions: readonly Position[]): SelectionRange[] {
  return positions.map((position) => selectionRangeAt(document, parsed, document.offsetAt(position)));
}

function selectionRangeAt(document: TextDocument, parsed: TaskSequenceDocument, offset: number): SelectionRange {
  const element = elementAt(parsed, offset);
  const spans: Span[] = element ? [...innerSpans(element, offset), ...ancestry(element).map((e) => e.span)] : [];
  // Innermost first; each range must strictly contain the one before.
  let chain: SelectionRange | undefined;
  const outward: Span[] = [];
  for (const span of spans) {
    const last = outward[outward.length - 1];
    if (!last || (containsSpan(span, last) && !sameSpan(span, last))) {
      outward.push(span);
    }
  }
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
