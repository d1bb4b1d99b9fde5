// Limits that say so: a document above the nesting, element-count or size limits gets one clear
// diagnostic and stays fast; the CLI refuses what it cannot read (missing, binary, over its size
// limit, not a regular file) with exit code 2 and a message, and still checks the other files.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DOCUMENT_TOO_LARGE, getLanguageService } from '../../../server/src/service/languageService';
import { parseTaskSequence } from '../../../server/src/service/parser/parser';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const CLI = path.join(repoRoot, 'server', 'dist', 'cli.js');
const SEQ = '<sequence version="3.10">';

function timed<T>(f: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = f();
  return { value, ms: performance.now() - start };
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

  test('a document over maxDocumentSize: one notice, nothing analysed, every feature answers at once', () => {
    const service = getLanguageService();
    const text = `${SEQ}${'<group name="g"/>'.repeat(200_000)}</sequence>`;
    const document = TextDocument.create('file:///big.xml', 'tasksequence-xml', 1, text);
    const { value, ms } = timed(() => {
      const parsed = service.parse(document, { maxDocumentSize: 1_000_000 });
      const position = document.positionAt(text.length >> 1);
      return {
        diagnostics: service.doValidation(document, parsed),
        symbols: service.findDocumentSymbols(document, parsed),
        folding: service.getFoldingRanges(document, parsed),
        completion: service.doComplete(document, parsed, position),
        hover: service.doHover(document, parsed, position),
      };
    });
    assert.ok(ms < 500, `${ms} ms`);
    assert.deepEqual(
      value.diagnostics.map((d) => d.code),
      [DOCUMENT_TOO_LARGE],
    );
    assert.deepEqual([value.symbols, value.folding, value.completion.items, value.hover], [[], [], [], null]);
  });
});

describe('robustness: the CLI refuses what it cannot read and checks the rest', { skip: fs.existsSync(CLI) ? false : `${CLI} is missing: run node scripts/build.mjs` }, () => {
  test('over the size limit, not a regular file, invalid UTF-8 and late NULs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-cli-limits-'));
    try {
      const good = path.join(dir, 'good.xml');
      fs.writeFileSync(good, `${SEQ}\n</sequence>\n`);
      // 65 MB without writing them: a sparse file.
      const huge = path.join(dir, 'huge.xml');
      fs.closeSync(fs.openSync(huge, 'w'));
      fs.truncateSync(huge, 65 * 1024 * 1024);
      // Invalid UTF-8 is read with replacement characters, like an editor would.
      const latin1 = path.join(dir, 'latin1.xml');
      fs.writeFileSync(latin1, Buffer.concat([Buffer.from(`${SEQ}<group name="`), Buffer.from([0xe9, 0xff, 0xc3]), Buffer.from('"/></sequence>')]));
      // A NUL after the first 8 KB is not taken for a binary file: it is checked as text.
      const lateNul = path.join(dir, 'late-nul.xml');
      fs.writeFileSync(lateNul, `${SEQ}<!--${' '.repeat(9000)}-->\u0000</sequence>`);
      const targets = [huge, latin1, lateNul, good];
      // A FIFO would be read forever (so would /dev/zero): it must be refused, not waited on.
      const fifo = path.join(dir, 'fifo.xml');
      const hasFifo = spawnSync('mkfifo', [fifo]).status === 0;
      if (hasFifo) {
        targets.unshift(fifo);
      }
      if (fs.existsSync('/dev/zero')) {
        targets.unshift('/dev/zero');
      }
      const result = spawnSync(process.execPath, [CLI, '--format', 'json', ...targets], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(result.signal, null, 'the CLI did not finish');
      assert.equal(result.status, 2);
      assert.match(result.stderr, /huge\.xml: it is 65\.0 MB, over the 64 MB limit/);
      if (hasFifo) {
        assert.match(result.stderr, /fifo\.xml: it is not a regular file/);
      }
      if (fs.existsSync('/dev/zero')) {
        assert.match(result.stderr, /\/dev\/zero: it is not a regular file/);
      }
      const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: { code: string }[] }[]; summary: { files: number } };
      assert.equal(report.summary.files, 3);
      assert.deepEqual(report.files.map((f) => path.basename(f.path)).sort(), ['good.xml', 'late-nul.xml', 'latin1.xml']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
