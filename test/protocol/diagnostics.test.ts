import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { DidChangeConfigurationNotification, DocumentDiagnosticRequest, LSPErrorCodes, type FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { MAX_DIAGNOSTICS, TOO_MANY_PROBLEMS } from '../../server/src/service/languageService';
import { TestClient, delay, richCapabilities, serverPath } from './lspClient';

const broken = '<sequence version="3.10">\n  <group name="G" name="H">\n    <step name="S" type="SMS_TaskSequence_RunCommandLineAction">\n  </group>\n</sequence>\n';
const fixed = '<sequence version="3.10">\n  <group name="G">\n  </group>\n</sequence>\n';

function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
}

function codes(diagnostics: readonly { code?: number | string }[]): string[] {
  return diagnostics.map((d) => String(d.code));
}

describe('diagnostics over the protocol', () => {
  const clients: TestClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  it('pushes diagnostics to a client without pull support, debounced, and clears them on close', async () => {
    const client = await TestClient.start();
    clients.push(client);
    const uri = 'file:///push/broken.xml';
    await client.open(uri, broken);
    const first = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.equal(first.version, 1);
    assert.ok(codes(first.diagnostics).includes('duplicate-attribute'), codes(first.diagnostics).join(', '));
    assert.ok(codes(first.diagnostics).includes('unclosed-element'));
    assert.equal(first.diagnostics[0].source, 'tasksequence');

    // A burst of edits: only the last version is validated.
    const before = client.published.length;
    await client.change(uri, broken.replace('name="H"', 'name="H1"'));
    await client.change(uri, broken.replace('name="H"', 'name="H12"'));
    const last = await client.change(uri, fixed);
    const settled = await client.diagnostics(uri, (p) => p.version === last);
    assert.deepEqual(settled.diagnostics, []);
    await delay(600);
    const afterBurst = client.published.slice(before).filter((p) => p.uri === uri);
    assert.deepEqual(
      afterBurst.map((p) => p.version),
      [last],
      'stale versions are never published',
    );

    await client.change(uri, broken);
    await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    await client.close(uri);
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0 && p.version === undefined);
    assert.equal(await client.stop(), 0);
  });

  it('answers pull requests when the client supports them, and pushes nothing', async () => {
    const client = await TestClient.start({ capabilities: richCapabilities({ textDocument: { diagnostic: { dynamicRegistration: false } } }) });
    clients.push(client);
    assert.deepEqual(client.initializeResult.capabilities.diagnosticProvider, { identifier: 'tasksequence', interFileDependencies: false, workspaceDiagnostics: false });
    const uri = 'file:///pull/broken.xml';
    await client.open(uri, broken);
    const report = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as FullDocumentDiagnosticReport;
    assert.equal(report.kind, 'full');
    assert.ok(codes(report.items).includes('duplicate-attribute'));
    const again = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId: report.resultId });
    assert.equal(again.kind, 'unchanged', 'same version, same settings: unchanged');
    await client.change(uri, fixed);
    const changed = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId: report.resultId })) as FullDocumentDiagnosticReport;
    assert.equal(changed.kind, 'full');
    assert.deepEqual(changed.items, []);
    const unknown = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: 'file:///pull/unknown.xml' } })) as FullDocumentDiagnosticReport;
    assert.deepEqual(unknown.items, []);
    await delay(600);
    assert.deepEqual(client.published, [], 'a pull client gets no pushed diagnostics');
    assert.equal(await client.stop(), 0);
  });

  it('reads settings per resource through workspace/configuration', async () => {
    const client = await TestClient.start({
      capabilities: richCapabilities({ workspace: { configuration: true } }),
      settings: { validate: { severity: { 'duplicate-attribute': 'off', 'unclosed-element': 'hint' } } },
    });
    clients.push(client);
    const uri = 'file:///settings/broken.xml';
    await client.open(uri, broken);
    const published = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.ok(!codes(published.diagnostics).includes('duplicate-attribute'));
    assert.equal(published.diagnostics.find((d) => d.code === 'unclosed-element')?.severity, 4);
    assert.ok(client.configurationRequests > 0);
    assert.equal(await client.stop(), 0);
  });

  it('uses the defaults when the client does not answer workspace/configuration', async () => {
    // Declares the capability but has no handler: every request fails with MethodNotFound.
    const client = await TestClient.start({ capabilities: richCapabilities({ workspace: { configuration: true } }) });
    clients.push(client);
    const uri = 'file:///settings/unanswered.xml';
    await client.open(uri, broken);
    const published = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.ok(codes(published.diagnostics).includes('duplicate-attribute'));
    assert.equal(await client.stop(), 0);
  });

  it('sends at most MAX_DIAGNOSTICS diagnostics and a notice for a document with 200 000 problems', async () => {
    // The fuzzer's finding: a million unknown elements made a 240 MB answer the client waited minutes for.
    const client = await TestClient.start({ capabilities: richCapabilities({ textDocument: { diagnostic: { dynamicRegistration: false } } }) });
    clients.push(client);
    const uri = 'file:///pull/many.xml';
    await client.open(uri, `<sequence version="3.10">${'<a/>'.repeat(200_000)}</sequence>`);
    const report = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as FullDocumentDiagnosticReport;
    assert.equal(report.items.length, MAX_DIAGNOSTICS + 1);
    assert.equal(report.items[MAX_DIAGNOSTICS].code, TOO_MANY_PROBLEMS);
    assert.equal(await client.stop(), 0);
  });

  it('skips the checks of a version an edit superseded while it was parsed, and asks the client to pull again', async () => {
    // The request and the edit in one write, as a client sends a burst: the edit is read while the
    // first version is parsed, so the server must not run the checks of that version.
    const steps = '<step type="SMS_TaskSequence_RunCommandLineAction" name="s"><action>cmd</action></step>'.repeat(2000);
    const uri = 'file:///pull/typing.xml';
    const answers = await rawSession([
      [{ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: { textDocument: { diagnostic: {} } } } }],
      [
        { method: 'initialized', params: {} },
        { method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'tasksequence-xml', version: 1, text: `<sequence version="3.10"><group name="G" name="H">${steps}</group></sequence>` } } },
      ],
      [
        { id: 2, method: 'textDocument/diagnostic', params: { textDocument: { uri } } },
        { method: 'textDocument/didChange', params: { textDocument: { uri, version: 2 }, contentChanges: [{ text: `<sequence version="3.10"><group name="G">${steps}</group></sequence>` }] } },
      ],
      [{ id: 3, method: 'textDocument/diagnostic', params: { textDocument: { uri } } }],
    ]);
    assert.deepEqual(answers.get(2)?.error, { code: LSPErrorCodes.ServerCancelled, message: 'The document changed.', data: { retriggerRequest: true } });
    const again = answers.get(3)?.result as FullDocumentDiagnosticReport;
    assert.ok(again.items.length > 0 && !codes(again.items).includes('duplicate-attribute'), codes(again.items).join(', '));
  });

  it('after edits inside values and text (a parse updated in place) reports what a fresh open of the same text reports', async () => {
    const client = await TestClient.start({ capabilities: richCapabilities({ textDocument: { diagnostic: { dynamicRegistration: false } } }) });
    clients.push(client);
    let text = [
      '<sequence version="3.10">',
      '  <step type="SMS_TaskSequence_RunCommandLineAction" name="Run" description="" continueOnError="tru">',
      '    <action>smsswd.exe /run: cmd.exe /c exit 0</action>',
      '    <defaultVarList><variable name="CommandLine" property="CommandLine">cmd.exe /c exit 0</variable></defaultVarList>',
      '  </step>',
      '  <step type="SMS_TaskSequence_RebootAction" name="Restart" description="" continueOnError="false"/>',
      '</sequence>',
      '',
    ].join('\n');
    const uri = 'file:///pull/edited.xml';
    await client.open(uri, text);
    const pull = async (target: string): Promise<string[]> => {
      const report = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: target } })) as FullDocumentDiagnosticReport;
      return report.items.map((d) => JSON.stringify({ ...d, relatedInformation: d.relatedInformation?.map((r) => ({ ...r, location: { ...r.location, uri: '' } })) }));
    };
    const before = await pull(uri);
    assert.ok(before.some((d) => d.includes('invalid-boolean')), before.join('\n'));
    const edits: [string, number, number, string][] = [
      ['continueOnError="tru', 20, 20, 'e'], // completes the boolean
      ['name="Run', 9, 9, ' it'], // a step name, before the second step
      ['/c exit 0</variable>', 8, 9, '3010'], // leaf text
      ['name="Restart', 6, 6, 'My '], // a value after the edited text
    ];
    for (const [i, [marker, from, to, inserted]] of edits.entries()) {
      const at = text.indexOf(marker);
      await client.edit(uri, { start: positionOf(text, at + from), end: positionOf(text, at + to) }, inserted);
      text = text.slice(0, at + from) + inserted + text.slice(at + to);
      const fresh = `file:///pull/fresh-${i}.xml`;
      await client.open(fresh, text);
      assert.deepEqual(await pull(uri), await pull(fresh), `after edit ${i}`);
    }
    assert.ok(!(await pull(uri)).some((d) => d.includes('invalid-boolean')));
  });

  it('takes pushed settings from didChangeConfiguration and re-validates', async () => {
    const client = await TestClient.start();
    clients.push(client);
    const uri = 'file:///settings/pushed.xml';
    await client.open(uri, broken);
    await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { taskSequence: { validate: { enable: false } } } });
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { taskSequence: { limits: { maxDocumentSize: 10 } } } });
    const tooLarge = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(codes(tooLarge.diagnostics), ['document-too-large']);
    assert.equal(await client.stop(), 0);
  });
});

interface RawAnswer {
  readonly result?: unknown;
  readonly error?: { code: number; message: string; data?: unknown };
}

/**
 * Runs the bundled server and writes each batch of JSON-RPC messages in one write (waiting for the
 * answers to the requests of a batch before the next one); resolves with the answers by id.
 */
async function rawSession(batches: readonly (readonly Record<string, unknown>[])[]): Promise<Map<number, RawAnswer>> {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const answers = new Map<number, RawAnswer>();
  let pending = Buffer.alloc(0);
  let wake: () => void = () => undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const headerEnd = pending.indexOf('\r\n\r\n');
      const length = Number(/Content-Length: (\d+)/.exec(pending.subarray(0, Math.max(0, headerEnd)).toString())?.[1]);
      if (headerEnd < 0 || pending.length < headerEnd + 4 + length) {
        break;
      }
      const message = JSON.parse(pending.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as { id?: number; method?: string } & RawAnswer;
      pending = pending.subarray(headerEnd + 4 + length);
      if (message.id !== undefined && message.method === undefined) {
        answers.set(message.id, message);
        wake();
      }
    }
  });
  try {
    for (const batch of batches) {
      child.stdin.write(batch.map((m) => frame({ jsonrpc: '2.0', ...m })).join(''));
      const ids = batch.flatMap((m) => (typeof m.id === 'number' ? [m.id] : []));
      while (!ids.every((id) => answers.has(id))) {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
    return answers;
  } finally {
    child.kill();
  }
}

function frame(message: Record<string, unknown>): string {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}
