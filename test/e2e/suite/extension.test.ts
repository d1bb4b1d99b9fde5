// End-to-end checks inside a real VS Code extension host. The workspace is a copy of
// test/e2e/workspace. This file runs first (see index.ts): the first test needs an extension that
// has not been activated yet.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, FIXTURES, findSymbol, lineOf, openFixture, waitFor, waitForDiagnostics } from './helpers';

suite('Task Sequence XML extension', () => {
  test('does not activate for an unrelated XML file', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in the extension host`);
    assert.strictEqual(ext.isActive, false, 'the extension was already active before any file was opened');
    const doc = await openFixture(FIXTURES.other);
    assert.notStrictEqual(doc.languageId, 'plaintext', `${FIXTURES.other} should at least be XML`);
    // A negative needs a settle time: activation by language or content happens right after the
    // document is opened, so give the host one second to prove it stays inactive.
    await new Promise((r) => setTimeout(r, 1000));
    assert.strictEqual(ext.isActive, false, `opening ${FIXTURES.other} (language '${doc.languageId}') activated the extension`);
  });

  test('activates when a task sequence is opened', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const doc = await openFixture(FIXTURES.taskSequence);
    await waitFor(() => ext.isActive, 30_000, `the extension to activate after ${FIXTURES.taskSequence} (language '${doc.languageId}') was opened`);
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
