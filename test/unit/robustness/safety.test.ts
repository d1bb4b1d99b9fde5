// Safety: the language service never reads files or URLs a document names, never expands external
// (or internal) entities, never runs a command line and never opens a connection. A temporary file
// holds a secret marker; documents name it every way XML allows (an external entity, a parameter
// entity, a DOCTYPE SYSTEM id, XInclude, package and path values, command lines). The library is
// run with fs, child_process and the network functions spied on; the bundled server is run with a
// preloaded hook that reports any such call, and nothing it sends may contain the marker.

import assert from 'node:assert/strict';
// The modules themselves (not namespace copies), so that the spies replace what everyone calls.
import childProcess = require('node:child_process');
import fs = require('node:fs');
import http = require('node:http');
import https = require('node:https');
import net = require('node:net');
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, mock, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../../server/src/service/languageService';
import { exerciseServer, startServer } from '../../fuzz/editorRequests';
import { specialInputs } from '../../fuzz/inputs';
import { serverPath } from '../../protocol/lspClient';

let dir: string;
let secretFile: string;
let secret: string;
let documents: { name: string; text: string }[];

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-safety-'));
  secretFile = path.join(dir, 'secret.txt');
  secret = `SECRET-MARKER-${process.pid}-${Date.now()}`;
  fs.writeFileSync(secretFile, `${secret}\n`);
  documents = specialInputs(secretFile)
    .filter((s) => /entit|DOCTYPE|laughs|file references/i.test(s.name))
    .map((s) => ({ name: s.name, text: s.make() }));
  // The marker's file, a plain path in a text node: nothing may open it.
  documents.push({
    name: 'paths in text',
    text: `<sequence version="3.10"><group name="${secretFile}"><step type="SMS_TaskSequence_RunCommandLineAction" name="s"><action>type ${secretFile}</action><defaultVarList><variable name="CommandLine" property="CommandLine">type ${secretFile}</variable></defaultVarList></step></group></sequence>`,
  });
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('safety: the library', () => {
  test('never touches the file system, starts a process or opens a connection, and never shows the secret', () => {
    const calls: string[] = [];
    const spy = (object: object, names: readonly string[], label: string): void => {
      for (const name of names) {
        if (typeof (object as Record<string, unknown>)[name] === 'function') {
          mock.method(object, name as never, ((...args: unknown[]) => {
            calls.push(`${label}.${name}(${String(args[0])})`);
            throw new Error(`${label}.${name} must not be called`);
          }) as never);
        }
      }
    };
    const service = getLanguageService();
    try {
      spy(fs, ['readFileSync', 'openSync', 'readFile', 'open', 'createReadStream', 'existsSync', 'statSync', 'readdirSync', 'accessSync'], 'fs');
      spy(fs.promises, ['readFile', 'open', 'stat', 'access'], 'fs.promises');
      spy(childProcess, ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'], 'child_process');
      spy(net, ['connect', 'createConnection'], 'net');
      spy(http, ['request', 'get'], 'http');
      spy(https, ['request', 'get'], 'https');
      spy(globalThis, ['fetch'], 'globalThis');
      // The spies work: a read of the secret is seen.
      assert.throws(() => fs.readFileSync(secretFile));
      assert.deepEqual(calls.splice(0), [`fs.readFileSync(${secretFile})`]);
      for (const { name, text } of documents) {
        const document = TextDocument.create('file:///safety/doc.xml', 'tasksequence-xml', 1, text);
        const parsed = service.parse(document);
        const diagnostics = service.doValidation(document, parsed);
        const results: unknown[] = [parsed.problems, parsed.sequence?.steps.map((s) => [s.name, s.description]), diagnostics];
        results.push(service.findDocumentSymbols(document, parsed), service.getFoldingRanges(document, parsed));
        for (let offset = 0; offset < text.length; offset += Math.max(1, Math.floor(text.length / 40))) {
          const position = document.positionAt(offset);
          results.push(service.doComplete(document, parsed, position), service.doHover(document, parsed, position));
          results.push(service.getCodeActions(document, parsed, { range: { start: position, end: position }, diagnostics }));
        }
        assert.ok(!JSON.stringify(results).includes(secret), `the secret shows in the results for "${name}"`);
      }
    } finally {
      mock.restoreAll();
    }
    assert.deepEqual(calls, []);
  });

  test('entities a DOCTYPE declares are never expanded, however nested', () => {
    const service = getLanguageService();
    for (const { name, text } of documents.filter((d) => /laughs|internal/.test(d.name))) {
      const document = TextDocument.create('file:///safety/doc.xml', 'tasksequence-xml', 1, text);
      const parsed = service.parse(document);
      const group = parsed.sequence?.steps[0];
      assert.ok(group && !/lollol|Contoso/.test(`${group.name}${group.element.text}`), `"${name}": ${group?.name}`);
      assert.ok(parsed.problems.some((p) => p.code === 'doctype'), name);
    }
  });
});

describe('safety: the bundled server', { skip: fs.existsSync(serverPath) ? false : `${serverPath} is missing: run node scripts/build.mjs` }, () => {
  test('never opens the named file, runs a command or connects anywhere, and never sends the secret', async () => {
    // A hook loaded before the server: it reports on stderr every file opened under the secret's
    // folder, every process started and every connection attempted.
    const hook = path.join(dir, 'hook.cjs');
    fs.writeFileSync(
      hook,
      `
const fs = require('fs'), cp = require('child_process'), net = require('net'), http = require('http'), https = require('https');
const dir = ${JSON.stringify(dir)};
const report = (what) => process.stderr.write('FORBIDDEN ' + what + '\\n');
for (const name of ['readFileSync', 'openSync', 'readFile', 'open', 'createReadStream', 'statSync', 'existsSync']) {
  const original = fs[name];
  fs[name] = function (p, ...rest) { if (String(p).includes(dir)) report('fs.' + name + ' ' + p); return original.call(this, p, ...rest); };
}
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  const original = cp[name];
  cp[name] = function (...args) { report('child_process.' + name + ' ' + args[0]); return original.apply(this, args); };
}
for (const [label, m] of [['net', net], ['http', http], ['https', https]]) {
  for (const name of ['connect', 'createConnection', 'request', 'get']) {
    if (typeof m[name] === 'function') { const original = m[name]; m[name] = function (...args) { report(label + '.' + name); return original.apply(this, args); }; }
  }
}
if (typeof globalThis.fetch === 'function') { const original = globalThis.fetch; globalThis.fetch = function (...args) { report('fetch ' + args[0]); return original.apply(this, args); }; }
`,
    );
    // The hook works: a read of the secret is reported.
    const probe = childProcess.spawnSync(process.execPath, ['--require', hook, '-e', `require('fs').readFileSync(${JSON.stringify(secretFile)})`], { encoding: 'utf8' });
    assert.match(probe.stderr, /FORBIDDEN fs\.readFileSync/);
    const session = await startServer(['--require', hook]);
    try {
      for (let i = 0; i < documents.length; i++) {
        const { text } = documents[i];
        const uri = `file:///safety/${i}.xml`;
        await session.open(uri, text);
        const document = TextDocument.create(uri, 'tasksequence-xml', 1, text);
        const positions = [0.1, 0.3, 0.5, 0.7, 0.9].map((f) => document.positionAt(Math.floor(text.length * f)));
        assert.deepEqual(await exerciseServer(session, uri, positions), []);
        await session.close(uri);
      }
      assert.ok(session.isAlive);
    } finally {
      assert.equal(await session.stop(), 0);
    }
    const transcript = session.transcript.join('\n');
    assert.ok(!transcript.includes('FORBIDDEN'), transcript.split('\n').filter((l) => l.includes('FORBIDDEN')).join('\n'));
    assert.ok(!transcript.includes(secret), 'the secret shows in what the server sent');
  });
});
