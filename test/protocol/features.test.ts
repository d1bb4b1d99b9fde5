import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CodeActionRequest,
  CompletionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InsertTextFormat,
  WorkspaceSymbolRequest,
  type CodeAction,
  type CompletionList,
  type DocumentSymbol,
  type Hover,
  type MarkupContent,
  type Position,
  type SymbolInformation,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient, fixtureText, richCapabilities, sampleDocument } from './lspClient';

const sample = sampleDocument();
const uri = `file:///corpus/${sample.name}`;
const document = TextDocument.create(uri, 'tasksequence-xml', 1, sample.text);

/** The position right after the first occurrence of `needle`. */
function after_(needle: string, text = sample.text): Position {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} not in ${sample.name}`);
  return TextDocument.create('file:///x', 'x', 1, text).positionAt(at + needle.length);
}

describe(`features over the protocol (${sample.name})`, () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
    await client.open(uri, sample.text);
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  it('returns the outline as a tree of groups and steps', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.equal(symbols.length, 1);
    const steps = symbols[0].children ?? [];
    assert.ok(steps.length > 0);
    const nested = steps.find((s) => (s.children ?? []).length > 0);
    assert.ok(nested, 'some group has children');
    assert.ok(nested.children!.every((c) => c.detail && c.detail.length > 0), 'every step says what it is');
  });

  it('folds', async () => {
    const ranges = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.ok(ranges && ranges.length > 3);
  });

  it('hovers on a step type', async () => {
    const position = after_('<step type="SMS_TaskSequence_');
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })) as Hover;
    const content = hover.contents as MarkupContent;
    assert.equal(content.kind, 'markdown');
    assert.match(content.value, /^\*\*.+\*\* \(`SMS_TaskSequence_\w+`\)/);
  });

  it('completes step types in a type attribute', async () => {
    const position = after_('<step type="');
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as CompletionList;
    assert.ok(list.items.some((i) => i.label === 'SMS_TaskSequence_RunCommandLineAction'));
  });

  it('offers quick fixes from Diagnostic.data', async () => {
    const broken = sample.text.replace('<step type=', '<step contineOnError="true" type=');
    const brokenUri = `${uri}.broken.xml`;
    await client.open(brokenUri, broken);
    const published = await client.diagnostics(brokenUri, (p) => p.diagnostics.some((d) => d.code === 'unknown-attribute'));
    const diagnostic = published.diagnostics.find((d) => d.code === 'unknown-attribute')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: brokenUri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title === 'Change to "continueOnError"');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.isPreferred, true);
    const edits = fix.edit!.changes![brokenUri] as TextEdit[];
    const repaired = TextDocument.applyEdits(TextDocument.create(brokenUri, 'tasksequence-xml', 1, broken), edits);
    assert.ok(repaired.includes('<step continueOnError="true" type='));
  });

  it('finds steps across open documents by name', async () => {
    const symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' })) as SymbolInformation[];
    assert.ok(symbols.length > 0);
    assert.ok(symbols.every((s) => s.location.uri.startsWith('file:///corpus/')));
  });

  it('keeps the document in sync with incremental changes', async () => {
    const position = document.positionAt(sample.text.indexOf('<step type="'));
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: position, end: position }, text: '<group name="Inserted group"/>\n' }],
    });
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const names = JSON.stringify(symbols);
    assert.ok(names.includes('Inserted group'));
  });
});

describe('completion and hover by client capability', () => {
  const text = fixtureText('deploy.xml');
  const fixtureUri = 'file:///fixtures/deploy.xml';
  const inCondition = after_('<operator type="or">', text);
  const onVariable = after_('<variable name="Variable">_SMSTS', text);

  async function withClient(capabilities: Parameters<typeof richCapabilities>[0] | 'bare', check: (client: TestClient) => Promise<void>): Promise<void> {
    const client = await TestClient.start({ capabilities: capabilities === 'bare' ? {} : richCapabilities(capabilities) });
    try {
      await client.open(fixtureUri, text);
      await check(client);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  }

  it('sends snippets and markdown to a client that renders them', async () => {
    await withClient({}, async (client) => {
      const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: fixtureUri }, position: inCondition })) as CompletionList;
      const variable = list.items.find((i) => i.label === 'Task Sequence Variable')!;
      assert.equal(variable.insertTextFormat, InsertTextFormat.Snippet);
      assert.match((variable.textEdit as TextEdit).newText, /\$\{1:/);
      const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: fixtureUri }, position: onVariable })) as Hover;
      assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    });
  });

  it('sends plain text to a client without snippets or markdown', async () => {
    await withClient('bare', async (client) => {
      const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: fixtureUri }, position: inCondition })) as CompletionList;
      const variable = list.items.find((i) => i.label === 'Task Sequence Variable')!;
      assert.equal(variable.insertTextFormat, InsertTextFormat.PlainText);
      assert.doesNotMatch((variable.textEdit as TextEdit).newText, /\$/);
      assert.equal((variable.documentation as MarkupContent).kind, 'plaintext');
      const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: fixtureUri }, position: onVariable })) as Hover;
      assert.equal((hover.contents as MarkupContent).kind, 'plaintext');
      assert.match((hover.contents as MarkupContent).value, /^_SMSTSInWinPE: built-in variable, read-only/);
      const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: fixtureUri } })) as SymbolInformation[];
      assert.ok(symbols.length > 0 && 'location' in symbols[0], 'flat SymbolInformation for a client without hierarchy support');
      const actions = await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: fixtureUri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [] },
      });
      assert.deepEqual(actions, [], 'no code action literals for a client that cannot take them');
    });
  });
});
