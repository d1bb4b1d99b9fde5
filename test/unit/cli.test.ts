// tasksequence-lint as an admin's pipeline runs it: the bundled CLI in a child process.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CORPUS_DIR, corpusFiles, NO_CORPUS, REPO_ROOT } from '../support/corpus';

const CLI = path.join(REPO_ROOT, 'server', 'dist', 'cli.js');

interface JsonDiagnostic {
  severity: string;
  code: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

interface JsonReport {
  files: { path: string; schemaVersion: string | null; diagnostics: JsonDiagnostic[] }[];
  summary: { files: number; errors: number; warnings: number };
}

function lint(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempDir(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tslint-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const GOOD = '<sequence version="3.10">\n</sequence>\n';
const BROKEN = '<sequence version="3.10">\n  <group name="g">\n</sequence>\n';

describe('tasksequence-lint', () => {
  test('text output: path:line:column: severity code message, then a summary; exit 1 on an error', () => {
    const dir = tempDir({ 'broken.xml': BROKEN });
    const file = path.join(dir, 'broken.xml');
    const result = lint(file);
    assert.equal(result.status, 1);
    const lines = result.stdout.trim().split('\n');
    assert.match(lines[0], new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:4: error unclosed-element `));
    assert.match(lines[lines.length - 1], /^1 file\(s\) checked: 1 error\(s\), \d+ warning\(s\)\.$/);
  });

  test('json output is 0-based like LSP, with the schema version and a summary; exit 0 without errors', () => {
    const dir = tempDir({ 'a/good.xml': GOOD, 'b/broken.xml': BROKEN, 'b/notes.txt': 'ignored' });
    const result = lint('--format', 'json', dir);
    assert.equal(result.status, 1);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.deepEqual(
      report.files.map((f) => path.relative(dir, f.path)),
      [path.join('a', 'good.xml'), path.join('b', 'broken.xml')],
    );
    assert.equal(report.files[0].schemaVersion, '3.10');
    const unclosed = report.files[1].diagnostics.find((d) => d.code === 'unclosed-element');
    assert.deepEqual(unclosed?.range, { start: { line: 1, character: 3 }, end: { line: 1, character: 8 } });
    assert.equal(unclosed?.severity, 'error');
    assert.equal(report.summary.files, 2);
    assert.equal(report.summary.errors, report.files.flatMap((f) => f.diagnostics).filter((d) => d.severity === 'error').length);
    assert.equal(lint('--format=json', path.join(dir, 'a')).status, 0);
  });

  test('bad usage and unreadable files exit 2 with a message, and the other files are still checked', () => {
    assert.equal(lint().status, 2);
    assert.match(lint('--format', 'yaml', 'x.xml').stderr, /--format takes text or json/);
    assert.match(lint('--bogus', 'x.xml').stderr, /Unknown option --bogus/);
    const dir = tempDir({ 'good.xml': GOOD, 'binary.xml': Buffer.from([0x3c, 0x00, 0x01, 0x02, 0x00]) });
    const result = lint('--format', 'json', path.join(dir, 'missing.xml'), path.join(dir, 'binary.xml'), path.join(dir, 'good.xml'));
    assert.equal(result.status, 2);
    assert.match(result.stderr, /missing\.xml: no such file or folder/);
    assert.match(result.stderr, /binary\.xml: it is a binary file/);
    assert.equal((JSON.parse(result.stdout) as JsonReport).summary.files, 1);
  });

  test('UTF-16 files with a byte order mark are read', () => {
    const dir = tempDir({ 'utf16.xml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, 'utf16le')]) });
    const result = lint('--format', 'json', path.join(dir, 'utf16.xml'));
    assert.equal((JSON.parse(result.stdout) as JsonReport).files[0].schemaVersion, '3.10');
  });

  test('the real corpus: no error on a well-formed file, a syntax error on the right line for the two malformed ones', (t) => {
    if (!corpusFiles()) {
      t.skip(NO_CORPUS);
      return;
    }
    const report = JSON.parse(lint('--format', 'json', CORPUS_DIR).stdout) as JsonReport;
    const errors = report.files.flatMap((f) =>
      f.diagnostics.filter((d) => d.severity === 'error').map((d) => `${path.basename(f.path)}:${d.range.start.line + 1}:${d.code}`),
    );
    assert.deepEqual(errors.sort(), [
      'cmhub-selfhost-child-ts-entity-escaped.xml:1:entity-escaped-sequence',
      'windows-admins-build-capture-reference-leading-comments.xml:4:xml-declaration-not-first',
    ]);
  });
});
