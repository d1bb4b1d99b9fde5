// tasksequence-lint as an admin's pipeline runs it: the bundled CLI in a child process. What it
// cannot read (missing, permission denied, a folder it may not list, binary, over its size limit,
// not a regular file) gets exit code 2 and a message, and the other files are still checked.

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

interface LintResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function lint(...args: string[]): LintResult {
  return lintAs({}, ...args);
}

/** The CLI as another user (`uid`, `gid`), within a minute. */
function lintAs(user: { uid?: number; gid?: number }, ...args: string[]): LintResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000, ...user });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Who to run the CLI as so that a file's mode keeps it out: this user, or `nobody` when the tests
 * run as root (root reads any file); a reason to skip when that is not possible.
 */
function unprivilegedUser(): { uid?: number; gid?: number } | string {
  if (process.getuid?.() !== 0) {
    return process.platform === 'win32' ? 'file modes do not deny reading on Windows' : {};
  }
  const nobody = { uid: 65534, gid: 65534 };
  const probe = spawnSync(process.execPath, [CLI, '--format', 'json', CLI], { encoding: 'utf8', ...nobody });
  return probe.error || probe.status === null ? `running as root and cannot run the CLI as nobody: ${probe.error?.message ?? probe.signal}` : nobody;
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

  test('a file it may not read, a folder it may not list, a dangling link: exit 2 with a message each, the rest checked', (t) => {
    const user = unprivilegedUser();
    if (typeof user === 'string') {
      t.skip(user);
      return;
    }
    const dir = tempDir({ 'good.xml': GOOD, 'unreadable.xml': GOOD, 'tree/a.xml': GOOD, 'tree/locked/c.xml': GOOD, 'tree/secret.xml': GOOD, 'tree/sub/b.xml': GOOD, 'tree/z.xml': BROKEN });
    const locked = [path.join(dir, 'unreadable.xml'), path.join(dir, 'tree', 'secret.xml'), path.join(dir, 'tree', 'locked')];
    try {
      fs.chmodSync(dir, 0o755);
      locked.forEach((p) => fs.chmodSync(p, 0));
      fs.symlinkSync('nowhere.xml', path.join(dir, 'tree', 'dangling.xml'));
      const result = lintAs(user, '--format', 'json', path.join(dir, 'unreadable.xml'), path.join(dir, 'tree'), path.join(dir, 'good.xml'));
      // 2 wins over the 1 that z.xml's error would give.
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, /cannot check \S*unreadable\.xml: permission denied$/m);
      assert.match(result.stderr, /cannot check \S*secret\.xml: permission denied$/m);
      assert.match(result.stderr, /cannot check \S*locked: permission denied$/m);
      assert.match(result.stderr, /cannot check \S*dangling\.xml: no such file or folder$/m);
      const report = JSON.parse(result.stdout) as JsonReport;
      assert.deepEqual(
        report.files.map((f) => path.relative(dir, f.path)),
        ['tree/a.xml', 'tree/sub/b.xml', 'tree/z.xml', 'good.xml'].map((p) => path.normalize(p)),
      );
      assert.equal(report.summary.errors > 0, true);
    } finally {
      locked.forEach((p) => fs.chmodSync(p, 0o700));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('over the size limit, not a regular file, invalid UTF-8 and late NULs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-cli-limits-'));
    try {
      const good = path.join(dir, 'good.xml');
      fs.writeFileSync(good, GOOD);
      // 65 MB without writing them: a sparse file.
      const huge = path.join(dir, 'huge.xml');
      fs.closeSync(fs.openSync(huge, 'w'));
      fs.truncateSync(huge, 65 * 1024 * 1024);
      // Invalid UTF-8 is read with replacement characters, like an editor would.
      const latin1 = path.join(dir, 'latin1.xml');
      fs.writeFileSync(latin1, Buffer.concat([Buffer.from('<sequence version="3.10"><group name="'), Buffer.from([0xe9, 0xff, 0xc3]), Buffer.from('"/></sequence>')]));
      // A NUL after the first 8 KB is not taken for a binary file: it is checked as text.
      const lateNul = path.join(dir, 'late-nul.xml');
      fs.writeFileSync(lateNul, `<sequence version="3.10"><!--${' '.repeat(9000)}-->\u0000</sequence>`);
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
      const result = lint('--format', 'json', ...targets);
      assert.equal(result.signal, null, 'the CLI did not finish');
      assert.equal(result.status, 2);
      assert.match(result.stderr, /huge\.xml: it is 65\.0 MB, over the 64 MB limit/);
      if (hasFifo) {
        assert.match(result.stderr, /fifo\.xml: it is not a regular file/);
      }
      if (fs.existsSync('/dev/zero')) {
        assert.match(result.stderr, /\/dev\/zero: it is not a regular file/);
      }
      const report = JSON.parse(result.stdout) as JsonReport;
      assert.equal(report.summary.files, 3);
      assert.deepEqual(report.files.map((f) => path.basename(f.path)).sort(), ['good.xml', 'late-nul.xml', 'latin1.xml']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
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
