// End-to-end checks inside a real VS Code extension host. The workspace is a copy of
// test/e2e/workspace. This file runs first (see index.ts): the first test needs a host in which no
// task sequence has been opened yet.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, FIXTURES, findSymbol, lineOf, openFixture, waitFor, waitForDiagnostics } from './helpers';

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in the extension host`);
  return ext;
}

/** The language ids the extension contributes (from its package.json). */
function ownLanguages(ext: vscode.Extension<unknown>): string[] {
  const languages = (ext.packageJSON?.contributes?.languages ?? []) as { id: string }[];
  return languages.map((l) => l.id);
}

/** The language of the open document now: a language switch replaces the TextDocument. */
function currentLanguage(uri: vscode.Uri): string {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId ?? '(closed)';
}

/** The extension's exported API (TaskSequenceExtensionApi in client/src/extension.ts). */
function hasServerState(api: unknown): api is { readonly serverState: string } {
  return typeof api === 'object' && api !== null && 'serverState' in api;
}

suite('Task Sequence XML extension', () => {
  // VS Code opens every *.xml as `xml` (a contributed language's firstLine never beats the .xml
  // extension), so the extension activates on onLanguage:xml and claims task sequences by content:
  // it switches them to its own language and starts the server only then. "Not for other XML"
  // therefore means: the language stays xml, no server, no diagnostics of ours.
  test('leaves an unrelated XML file alone: no language switch, no server', async () => {
    const ext = extension();
    const doc = await openFixture(FIXTURES.other);
    assert.notStrictEqual(doc.languageId, 'plaintext', `${FIXTURES.other} should at least be XML`);
    // A negative needs a settle time: the claim happens right after the document is opened, so
    // give the extension host one second to prove nothing happens.
    await new Promise((r) => setTimeout(r, 1000));
    const language = currentLanguage(doc.uri);
    assert.ok(!ownLanguages(ext).includes(language), `${FIXTURES.other} was switched to ${language}`);
    if (ext.isActive && hasServerState(ext.exports)) {
      assert.strictEqual(ext.exports.serverState, 'stopped', `opening ${FIXTURES.other} started the language server`);
    }
    const ours = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'tasksequence');
    assert.deepStrictEqual(ours.map((d) => d.message), [], `${FIXTURES.other} got task sequence diagnostics`);
  });

  test('activates for a task sequence, claims it and starts the server', async () => {
    const ext = extension();
    const doc = await openFixture(FIXTURES.taskSequence);
    await waitFor(() => ext.isActive, 30_000, `the extension to activate after ${FIXTURES.taskSequence} (language '${doc.languageId}') was opened`);
    const languages = ownLanguages(ext);
    await waitFor(
      () => languages.includes(currentLanguage(doc.uri)),
      30_000,
      `${FIXTURES.taskSequence} to switch to ${languages.join(' or ')} (it is '${currentLanguage(doc.uri)}')`,
    );
    if (hasServerState(ext.exports)) {
      const api = ext.exports;
      await waitFor(() => api.serverState === 'ready', 30_000, `the language server to be ready (state: ${api.serverState})`);
    }
  });

  test('reports a syntax error with source "tasksequence" on the right line', async () => {
    const doc = await openFixture(FIXTURES.broken);
    // The <step name="Unclosed step"> element is never closed; a parser may report it at the
    // opening tag or where the mismatch is found (the </group> line). Both are right.
    const open = lineOf(doc, 'name="Unclosed step"');
    const mismatch = lineOf(doc, '</group>');
    const diags = await waitForDiagnostics(
      doc.uri,
      (ds) => ds.some((d) => d.source === 'tasksequence'),
      30_000,
    );
    const ours = diags.filter((d) => d.source === 'tasksequence');
    const lines = ours.map((d) => d.range.start.line);
    assert.ok(
      lines.includes(open) || lines.includes(mismatch),
      `expected a diagnostic on line ${open + 1} or ${mismatch + 1}; got ${ours
        .map((d) => `${d.range.start.line + 1}: ${d.message}`)
        .join(' | ')}`,
    );
  });

  test('document symbols are a tree of groups and steps', async () => {
    const doc = await openFixture(FIXTURES.taskSequence);
    const symbols = await waitFor(
      async () => {
        const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | vscode.SymbolInformation[]>(
          'vscode.executeDocumentSymbolProvider',
          doc.uri,
        );
        return s && s.length ? s : undefined;
      },
      30_000,
      `document symbols for ${FIXTURES.taskSequence}`,
    );
    assert.ok('children' in symbols[0], 'expected hierarchical DocumentSymbols, not flat SymbolInformation');
    const tree = symbols as vscode.DocumentSymbol[];
    const install = findSymbol(tree, (s) => s.name.includes('Install Software'));
    assert.ok(install, `no symbol for the group "Install Software" in ${JSON.stringify(tree.map((s) => s.name))}`);
    assert.ok(findSymbol(install.children, (s) => s.name.includes('Install Agent')), 'step "Install Agent" is not a child of its group');
    const configure = findSymbol(install.children, (s) => s.name.includes('Configure'));
    assert.ok(configure, 'nested group "Configure" is not under "Install Software"');
    assert.ok(findSymbol(configure.children, (s) => s.name.includes('Set Role')), 'step "Set Role" is not under "Configure"');
    const prepare = findSymbol(tree, (s) => s.name.includes('Prepare'));
    assert.ok(prepare && findSymbol(prepare.children, (s) => s.name.includes('Log start')), 'step "Log start" is not under "Prepare"');
    const agentLine = lineOf(doc, 'name="Install Agent"');
    const agent = findSymbol(install.children, (s) => s.name.includes('Install Agent'))!;
    assert.ok(agent.range.start.line <= agentLine && agentLine <= agent.range.end.line, 'the "Install Agent" symbol range does not cover its element');
  });
});
