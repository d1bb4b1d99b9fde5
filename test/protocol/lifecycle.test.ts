import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  CompletionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  SelectionRangeRequest,
  TextDocumentSyncKind,
  type CompletionList,
  type DocumentSymbol,
} from 'vscode-languageserver-protocol/node';
import { RESULT_LIMIT_NOTIFICATION, TestClient, fixtureText, richCapabilities } from './lspClient';

describe('server lifecycle over stdio', () => {
  const clients: TestClient[] = [];
  after(() => clients.forEach((c) => c.kill()));

  it('announces its capabilities', async () => {
    const client = await TestClient.start();
    clients.push(client);
    const capabilities = client.initializeResult.capabilities;
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: TextDocumentSyncKind.Incremental });
    assert.ok(capabilities.documentSymbolProvider);
    assert.ok(capabilities.workspaceSymbolProvider);
    assert.ok(capabilities.foldingRangeProvider);
    assert.ok(capabilities.selectionRangeProvider);
    assert.ok(capabilities.hoverProvider);
    assert.deepEqual(capabilities.completionProvider?.triggerCharacters?.slice(0, 4), ['<', '"', "'", '%']);
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.tasksequence'], resolveProvider: false });
    assert.equal(capabilities.diagnosticProvider, undefined, 'no pull diagnostics for a client that did not ask');
    assert.equal(await client.stop(), 0);
  });

  it('survives garbage documents and requests on unknown documents', async () => {
    const client = await TestClient.start();
    clients.push(client);
    const random = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256)).toString('latin1');
    const half = '<sequence version="3.10">\n  <group name="G" disable=\n    <step type="SMS_Task';
    const unbalanced = '<sequence version="3.10"><<<>>></group></step><step type="x" name=">"><condition><operator type="and"></sequence></sequence>';
    const garbage = { 'file:///g/random.xml': random, 'file:///g/half.xml': half, 'file:///g/unbalanced.xml': unbalanced };
    for (const [uri, text] of Object.entries(garbage)) {
      await client.open(uri, text);
    }
    for (const [uri, text] of Object.entries(garbage)) {
      const lines = text.split('\n');
      const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
      const middle = { line: 0, character: Math.min(10, lines[0].length) };
      for (const position of [end, middle]) {
        const completion = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
        assert.ok(completion === null || Array.isArray(completion) || Array.isArray((completion as CompletionList).items));
        await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
        await client.connection.sendRequest(SelectionRangeRequest.type, { textDocument: { uri }, positions: [position] });
      }
      assert.ok(Array.isArray(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })));
      assert.ok(Array.isArray(await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } })));
      await client.diagnostics(uri);
    }
    const unknown = { textDocument: { uri: 'file:///never/opened.xml' } };
    assert.deepEqual(await client.connection.sendRequest(DocumentSymbolRequest.type, unknown), []);
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { ...unknown, position: { line: 0, character: 0 } }), null);
    const completion = await client.connection.sendRequest(CompletionRequest.type, { ...unknown, position: { line: 3, character: 99 } });
    assert.deepEqual(completion, { isIncomplete: false, items: [] });
    // Still alive and answering.
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: 'file:///g/half.xml' } });
    assert.ok(Array.isArray(symbols));
    assert.equal(client.child.exitCode, null);
    assert.equal(await client.stop(), 0);
  });

  it('leaves XML that is not a task sequence alone', async () => {
    const client = await TestClient.start({ capabilities: richCapabilities() });
    clients.push(client);
    const uri = 'file:///other/catalog.xml';
    await client.open(uri, '<?xml version="1.0"?>\n<catalog>\n  <book id="1"/>\n</catalog>\n', 'xml');
    const published = await client.diagnostics(uri);
    assert.deepEqual(published.diagnostics, []);
    assert.deepEqual(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), []);
    assert.equal(await client.stop(), 0);
  });

  it('cuts the outline at taskSequence.maxItemsComputed and says so once', async () => {
    const client = await TestClient.start({ capabilities: richCapabilities({ workspace: { configuration: true } }), settings: { maxItemsComputed: 2 } });
    clients.push(client);
    const uri = 'file:///limit/deploy.xml';
    await client.open(uri, fixtureText('deploy.xml'));
    for (let i = 0; i < 2; i++) {
      const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
      assert.equal(symbols.length, 1);
      assert.equal(symbols[0].children?.length, 1);
      assert.deepEqual(symbols[0].children?.[0].children, []);
    }
    assert.deepEqual(client.notifications, [{ method: RESULT_LIMIT_NOTIFICATION, params: { uri, feature: 'symbols', maxItems: 2 } }]);
    assert.equal(await client.stop(), 0);
  });

  it('exits with 1 on exit without shutdown', async () => {
    const client = await TestClient.start();
    clients.push(client);
    const exited = new Promise<number | null>((resolve) => client.child.once('exit', resolve));
    await client.connection.sendNotification('exit');
    assert.equal(await exited, 1);
  });
});
