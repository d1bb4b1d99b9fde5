// Limits that say so: a document above the nesting, element-count or size limits, or with more
// problems than the editor is sent, gets one clear diagnostic and stays fast. (The CLI's limits, what it refuses to read with exit code 2 and a
// message while it still checks the other files, are tested in test/unit/cli.test.ts.)

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { DOCUMENT_TOO_LARGE, getLanguageService, MAX_DIAGNOSTICS, TOO_MANY_PROBLEMS } from '../../../server/src/service/languageService';
import { parseTaskSequence } from '../../../server/src/service/parser/parser';

const SEQ = '<sequence version="3.10">';

function timed<T>(f: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = f();
  return { value, ms: performance.now() - start };
}

/** As the client receives it (JSON drops the outermost selection range's `parent: undefined`). */
function onTheWire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe('robustness: limits', () => {
  test('nesting deeper than maxDepth: one warning, the rest of the document still read, fast', () => {
    const text = `${SEQ}${'<group name="g">'.repeat(100_000)}${'</group>'.repeat(100_000)}<group name="after"/></sequence>`;
    const { value: doc, ms } = timed(() => parseTaskSequence(text));
    assert.ok(ms < 3000, `${ms} ms`);
    const warnings = doc.problems.filter((p) => p.code === 'document-too-complex');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0].message, /nested more than 256 levels/);
    assert.equal(doc.truncated, true);
    // The group after the deep one is still in the model, and nothing else is reported.
    assert.equal(doc.sequence?.steps[1]?.name, 'after');
    assert.deepEqual(
      doc.problems.map((p) => p.code),
      ['document-too-complex'],
    );
  });

  test('more elements than maxElements: one warning, no more built, fast', () => {
    const text = `${SEQ}<group name="g">${'<step type="SMS_TaskSequence_SetVariableAction" name="s"/>'.repeat(50_000)}</group></sequence>`;
    const { value: doc, ms } = timed(() => parseTaskSequence(text, { maxElements: 1000 }));
    assert.ok(ms < 2000, `${ms} ms`);
    assert.deepEqual(
      doc.problems.map((p) => p.code),
      ['document-too-complex'],
    );
    assert.match(doc.problems[0].message, /more than 1000 elements/);
    const group = doc.sequence?.steps[0];
    assert.equal(group?.kind === 'group' && group.steps.length, 998);
  });

  test(`more than ${MAX_DIAGNOSTICS} problems: that many diagnostics, errors first, and one notice; the CLI's -1 gets them all`, () => {
    // Found by the fuzzer: 1 000 000 unknown elements gave the server a million diagnostics, 240 MB
    // of JSON that took the client more than a minute to receive.
    const warnings = MAX_DIAGNOSTICS + 1000;
    const text = `${SEQ}${'<a/>'.repeat(warnings)}${'<step type="SMS_TaskSequence_RunCommandLineAction"/>'.repeat(100)}</sequence>`;
    const service = getLanguageService();
    const document = TextDocument.create('file:///many.xml', 'tasksequence-xml', 1, text);
    const parsed = service.parse(document);
    const all = service.doValidation(document, parsed, undefined, -1);
    const errors = all.filter((d) => d.severity === DiagnosticSeverity.Error);
    assert.equal(errors.length, 400);
    assert.equal(all.length, warnings + errors.length);
    const capped = service.doValidation(document, parsed);
    assert.equal(capped.length, MAX_DIAGNOSTICS + 1);
    const notice = capped[capped.length - 1];
    assert.equal(notice.code, TOO_MANY_PROBLEMS);
    assert.match(notice.message, /has 6,400 problems: only 5,000 are listed \(the most severe first\), 1,400 are left out/);
    assert.deepEqual(notice.range, { start: { line: 0, character: 0 }, end: document.positionAt(text.length) });
    // Every error kept, in the checks' order, then as many warnings as fit.
    assert.deepEqual(
      capped.filter((d) => d.severity === DiagnosticSeverity.Error),
      errors,
    );
    assert.deepEqual(
      capped.slice(0, -1).filter((d) => d.severity !== DiagnosticSeverity.Error),
      all.filter((d) => d.severity !== DiagnosticSeverity.Error).slice(0, MAX_DIAGNOSTICS - errors.length),
    );
    // Under the cap nothing changes.
    assert.deepEqual(service.doValidation(document, parsed, undefined, all.length), all);
  });

  test('a document over maxDocumentSize: one notice, nothing analysed, every feature answers at once', () => {
    const service = getLanguageService();
    const text = `${SEQ}${'<group name="g"/>'.repeat(200_000)}</sequence>`;
    const document = TextDocument.create('file:///big.xml', 'tasksequence-xml', 1, text);
    // On the `name` of the 100 000th group.
    const nameAt = SEQ.length + '<group name="g"/>'.length * 100_000 + '<group '.length;
    const { value, ms } = timed(() => {
      const parsed = service.parse(document, { maxDocumentSize: 1_000_000 });
      const position = document.positionAt(nameAt);
      return {
        diagnostics: service.doValidation(document, parsed),
        symbols: service.findDocumentSymbols(document, parsed),
        folding: service.getFoldingRanges(document, parsed),
        completion: service.doComplete(document, parsed, position),
        hover: service.doHover(document, parsed, position),
        selection: service.getSelectionRanges(document, parsed, [position, document.positionAt(0)]),
      };
    });
    assert.ok(ms < 500, `${ms} ms`);
    assert.deepEqual(
      value.diagnostics.map((d) => d.code),
      [DOCUMENT_TOO_LARGE],
    );
    assert.deepEqual([value.symbols, value.folding, value.completion.items, value.hover], [[], [], [], null]);
    // LSP wants one selection range per position: from the text alone, the word then the document.
    const whole = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
    assert.deepEqual(onTheWire(value.selection), [
      { range: { start: document.positionAt(nameAt), end: document.positionAt(nameAt + 'name'.length) }, parent: { range: whole } },
      { range: whole },
    ]);
  });

  test('selection ranges of a document over maxDocumentSize: word, line, document for each position', () => {
    const service = getLanguageService();
    const text = `${SEQ}\r\n  <group name="first"/>\r\n</sequence>`;
    const document = TextDocument.create('file:///big.xml', 'tasksequence-xml', 1, text);
    const parsed = service.parse(document, { maxDocumentSize: 10 });
    const ranges = service.getSelectionRanges(document, parsed, [{ line: 1, character: 17 }, { line: 1, character: 0 }, { line: 2, character: 5 }]);
    const line1 = { start: { line: 1, character: 0 }, end: { line: 1, character: 23 } };
    const whole = { range: { start: { line: 0, character: 0 }, end: { line: 2, character: 11 } } };
    assert.deepEqual(onTheWire(ranges), [
      { range: { start: { line: 1, character: 15 }, end: { line: 1, character: 20 } }, parent: { range: line1, parent: whole } },
      // Not in a word: the line is the innermost range.
      { range: line1, parent: whole },
      { range: { start: { line: 2, character: 2 }, end: { line: 2, character: 10 } }, parent: { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 11 } }, parent: whole } },
    ]);
  });
});
