// One fuzz input through the whole library, the way the server uses it: parse, every check (as
// diagnostics), and every feature at a few positions. Any exception is a finding; so is a result
// that is not well-formed (a range outside the document, a fold that ends before it starts), and a
// difference between the tree builder's fast path and its sax path, or between a parse updated in
// place after an edit and a full parse of the edited text.

import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { getLanguageService, type LanguageService } from '../../server/src/service/languageService';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS, parseTaskSequence } from '../../server/src/service/parser/parser';
import { selfChecks } from '../../server/src/service/parser/xmlTree';
import { compareBuilders, editAndCompare, randomEdit } from './differential';
import { Prng } from './prng';

export interface LibraryOutcome {
  readonly ms: number;
  /** What went wrong, with the phase it went wrong in; undefined when all is well. */
  readonly failure?: string;
}

export interface ExerciseOptions {
  /** Compare the tree builder's two paths too (costs one more parse). */
  readonly differential?: boolean;
  /** Positions to ask completion, hover, code actions and selection ranges at. */
  readonly positions?: number;
  readonly seed?: number;
}

let service: LanguageService | undefined;
/** Edits per differential input whose in-place parse update is compared with a full parse. */
const EDITS_PER_INPUT = 5;

/**
 * Time bound for one input: generous for the machine, but far below what a hang or a quadratic
 * blow-up costs. A differential input is parsed some ten times (the two tree builders under two
 * sets of limits, and a full parse for each of its edits): it gets four times as long.
 */
export function timeBoundMs(text: string, differential: boolean): number {
  return (2000 + text.length / 500) * (differential ? 4 : 1);
}

export function exerciseLibrary(text: string, options: ExerciseOptions = {}): LibraryOutcome {
  service ??= getLanguageService();
  selfChecks.openElements = true;
  const start = performance.now();
  let phase = 'parse';
  try {
    const document = TextDocument.create('file:///fuzz/input.xml', 'tasksequence-xml', 1, text);
    const parsed = service.parse(document);
    phase = 'diagnostics';
    const diagnostics = service.doValidation(document, parsed);
    for (const d of diagnostics) {
      checkRange(document, d.range, 'diagnostic');
    }
    phase = 'document symbols';
    const symbols = service.findDocumentSymbols(document, parsed, { maxItems: 5000 });
    const pending = [...symbols];
    for (let s = pending.pop(); s; s = pending.pop()) {
      checkRange(document, s.range, 'symbol range');
      checkRange(document, s.selectionRange, 'symbol selectionRange');
      pending.push(...(s.children ?? []));
    }
    phase = 'folding';
    for (const f of service.getFoldingRanges(document, parsed, { maxItems: 5000 })) {
      if (!(f.startLine <= f.endLine) || f.endLine >= document.lineCount) {
        throw new Error(`bad folding range ${JSON.stringify(f)}`);
      }
    }
    const rng = new Prng(options.seed ?? text.length);
    const offsets = [0, text.length, text.length >> 1];
    for (let i = 0; i < (options.positions ?? 3); i++) {
      offsets.push(rng.int(text.length + 1));
    }
    const positions = offsets.map((o) => document.positionAt(o));
    phase = 'selection ranges';
    const selections = service.getSelectionRanges(document, parsed, positions);
    if (selections.length !== positions.length) {
      throw new Error(`${selections.length} selection ranges for ${positions.length} positions`);
    }
    for (const position of positions) {
      phase = `completion at ${JSON.stringify(position)}`;
      const completion = service.doComplete(document, parsed, position);
      if (!Array.isArray(completion.items)) {
        throw new Error('completion without items');
      }
      phase = `hover at ${JSON.stringify(position)}`;
      const hover = service.doHover(document, parsed, position);
      if (hover?.range) {
        checkRange(document, hover.range, 'hover');
      }
      phase = `code actions at ${JSON.stringify(position)}`;
      const near = diagnostics.filter((d) => d.range.start.line === position.line).slice(0, 3);
      const range: Range = near[0]?.range ?? { start: position, end: position };
      for (const action of service.getCodeActions(document, parsed, { range, diagnostics: near.length ? near : diagnostics.slice(0, 1) })) {
        for (const edits of Object.values(action.edit?.changes ?? {})) {
          for (const edit of edits) {
            checkRange(document, edit.range, 'code action edit');
          }
        }
      }
    }
    if (options.differential) {
      phase = 'fast path = sax path';
      for (const limits of [
        { maxDepth: DEFAULT_MAX_DEPTH, maxElements: DEFAULT_MAX_ELEMENTS },
        { maxDepth: 3, maxElements: 40 },
      ]) {
        const difference = compareBuilders(text, limits);
        if (difference) {
          throw new Error(`the two tree builders differ (limits ${JSON.stringify(limits)}):\n${difference}`);
        }
      }
      phase = 'parse updated in place after an edit = full parse';
      let previous = parseTaskSequence(text);
      for (let i = 0; i < EDITS_PER_INPUT; i++) {
        const edit = randomEdit(previous, rng);
        const outcome = editAndCompare(previous, edit);
        if (outcome.difference) {
          throw new Error(`after the edit ${JSON.stringify(edit)}:\n${outcome.difference}`);
        }
        previous = outcome.next;
      }
    }
  } catch (e) {
    return { ms: performance.now() - start, failure: `${phase}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
  } finally {
    selfChecks.openElements = false;
  }
  return { ms: performance.now() - start };
}

function checkRange(document: TextDocument, range: Range, what: string): void {
  const ok = (p: Position): boolean =>
    Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0 && p.line < document.lineCount;
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  if (!ok(range.start) || !ok(range.end) || start > end) {
    throw new Error(`${what}: bad range ${JSON.stringify(range)}`);
  }
}
