// What a user sees, checked through the VS Code API: diagnostics (and that they go away once
// fixed), completion in conditions, hover, quick fixes. Every request goes through VS Code's own
// provider commands, so the client, the LSP wiring and the server are all in the path.
//
// Tests that edit work on a copy of their fixture under scratch/ (copyFixture), so they do not
// depend on each other.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  FIXTURES,
  codeOf,
  copyFixture,
  listDiagnostics,
  lineOf,
  openTaskSequence,
  ours,
  positionAfter,
  rangeOf,
  waitFor,
  waitForDiagnostics,
} from './helpers';

/** The defects in defects.xml: code, and a text on the line the diagnostic must start on. */
const DEFECTS = [
  // an empty version: a <sequence> without any version is not claimed as a task sequence
  { code: 'missing-schema-version', line: '<sequence version="">' },
  { code: 'condition-casing', line: '<variable name="Operator">Equals</variable>' },
  { code: 'unknown-step-type', line: 'RunCommandLineActoin' },
  { code: 'unclosed-element', line: 'name="Unclosed step"' },
] as const;

const hasCode = (ds: readonly vscode.Diagnostic[], code: string): boolean => ours(ds).some((d) => codeOf(d) === code);

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function complete(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return list?.items ?? [];
}

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c)))
    .join('\n---\n');
}

suite('Diagnostics, completion, hover and quick fixes', () => {
  test('diagnostics: known defects are reported with their codes on the right lines', async () => {
    const uri = await copyFixture(FIXTURES.defects, 'defects-report.xml');
    const doc = (await openTaskSequence(uri)).document;
    const diags = await waitForDiagnostics(
      uri,
      (ds) => DEFECTS.every((d) => hasCode(ds, d.code)),
      30_000,
      `the codes ${DEFECTS.map((d) => d.code).join(', ')}`,
    );
    for (const defect of DEFECTS) {
      const expected = lineOf(doc, defect.line);
      const found = ours(diags).filter((d) => codeOf(d) === defect.code);
      assert.ok(
        found.some((d) => d.range.start.line === expected),
        `${defect.code} should be on line ${expected + 1}; got ${listDiagnostics(found)}`,
      );
    }
    const typo = ours(diags).find((d) => codeOf(d) === 'unknown-step-type')!;
    assert.match(typo.message, /Did you mean "SMS_TaskSequence_RunCommandLineAction"/, 'the unknown step type has no did-you-mean');
    assert.strictEqual(typo.severity, vscode.DiagnosticSeverity.Error);
    // Nothing else may be an error: the rest of the file is fine.
    const expectedCodes: readonly string[] = DEFECTS.map((d) => d.code);
    const otherErrors = ours(diags).filter((d) => !expectedCodes.includes(codeOf(d)) && d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual(listDiagnostics(otherErrors), 'none', 'unexpected errors in defects.xml');
  });

  test('diagnostics: go away after a WorkspaceEdit that fixes the defects', async () => {
    const uri = await copyFixture(FIXTURES.defects, 'defects-fixed.xml');
    const doc = (await openTaskSequence(uri)).document;
    await waitForDiagnostics(uri, (ds) => DEFECTS.every((d) => hasCode(ds, d.code)), 30_000, 'the four defects');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, rangeOf(doc, 'version=""'), 'version="3.10"');
    edit.replace(uri, rangeOf(doc, '>Equals<'), '>equals<');
    edit.replace(uri, rangeOf(doc, 'RunCommandLineActoin'), 'RunCommandLineAction');
    const groupEnd = lineOf(doc, '</group>');
    edit.insert(uri, new vscode.Position(groupEnd, 0), '    </step>\n');
    assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit failed');
    const t = Date.now();
    const after = await waitForDiagnostics(
      uri,
      (ds) => !DEFECTS.some((d) => hasCode(ds, d.code)),
      30_000,
      'the fixed defects to go away',
    );
    console.log(`      (diagnostics updated ${Date.now() - t} ms after the edit)`);
    assert.deepStrictEqual(listDiagnostics(ours(after)), 'none', 'the fixed document still has diagnostics');
  });

  test('quick fixes: each defect offers a fix, and applying it removes the diagnostic', async () => {
    const uri = await copyFixture(FIXTURES.defects, 'defects-quickfix.xml');
    await openTaskSequence(uri);
    await waitForDiagnostics(uri, (ds) => DEFECTS.every((d) => hasCode(ds, d.code)), 30_000, 'the four defects');
    const expectedTitles: Record<string, RegExp> = {
      'missing-schema-version': /"3\.10"/,
      'condition-casing': /"equals"/,
      'unknown-step-type': /"SMS_TaskSequence_RunCommandLineAction"/,
      'unclosed-element': /<\/step>/,
    };
    for (const defect of DEFECTS) {
      const diagnostic = ours(vscode.languages.getDiagnostics(uri)).find((d) => codeOf(d) === defect.code);
      assert.ok(diagnostic, `no ${defect.code} diagnostic left to fix`);
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fixes = (actions ?? []).filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
      const fix = fixes.find((a) => expectedTitles[defect.code].test(a.title));
      assert.ok(fix, `no quick fix matching ${expectedTitles[defect.code]} for ${defect.code}; offered: ${JSON.stringify(actions)}`);
      assert.ok(fix.edit, `"${fix.title}" has no edit: ${JSON.stringify(fix)}`);
      assert.ok(vscode.CodeActionKind.QuickFix.contains(fix.kind!), `"${fix.title}" is a ${fix.kind?.value}, not a quick fix`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit!), `applying "${fix.title}" failed`);
      await waitForDiagnostics(uri, (ds) => !hasCode(ds, defect.code), 30_000, `${defect.code} to go away after "${fix.title}"`);
    }
    assert.deepStrictEqual(listDiagnostics(ours(vscode.languages.getDiagnostics(uri))), 'none', 'diagnostics left after every quick fix');
  });

  test('completion in <condition> offers the expression kinds and operators', async () => {
    const editor = await openTaskSequence(FIXTURES.completion);
    const doc = editor.document;
    const empty = lineOf(doc, '<condition>') + 1;
    assert.strictEqual(doc.lineAt(empty).text.trim(), '', `line ${empty + 1} of ${FIXTURES.completion} should be empty`);
    const items = await waitFor(
      async () => {
        const got = await complete(doc.uri, new vscode.Position(empty, 6));
        return got.length ? got : undefined;
      },
      30_000,
      'completions inside <condition>',
    );
    const details = items.map((i) => i.detail ?? '');
    for (const kind of ['Variable', 'WMI', 'File', 'Folder', 'Registry', 'Software']) {
      assert.ok(
        details.includes(`SMS_TaskSequence_${kind}ConditionExpression`),
        `no ${kind} expression offered in <condition>; got ${JSON.stringify(items.map(labelOf))}`,
      );
    }
    for (const op of ['and', 'or', 'not']) {
      assert.ok(details.includes(`<operator type="${op}">`), `no "${op}" operator offered in <condition>`);
    }
    const variable = items.find((i) => i.detail === 'SMS_TaskSequence_VariableConditionExpression')!;
    assert.strictEqual(labelOf(variable), 'Task Sequence Variable');
    assert.strictEqual(variable.kind, vscode.CompletionItemKind.Snippet);
    const inserted = variable.insertText instanceof vscode.SnippetString ? variable.insertText.value : String(variable.insertText ?? '');
    assert.match(inserted, /<expression type="SMS_TaskSequence_VariableConditionExpression">[\s\S]*<variable name="Operator">/);
  });

  test('completion in <variable name="Operator"> offers the operator values', async () => {
    const doc = (await openTaskSequence(FIXTURES.completion)).document;
    const items = await complete(doc.uri, positionAfter(doc, '<variable name="Operator">'));
    const labels = items.map(labelOf);
    for (const op of ['exists', 'notExists', 'equals', 'notEquals', 'less', 'lessEqual', 'greater', 'greaterEqual']) {
      assert.ok(labels.includes(op), `operator "${op}" is not offered; got ${JSON.stringify(labels)}`);
    }
    assert.ok(!labels.includes('_SMSTSInWinPE'), 'variable names offered as operators');
  });

  test('completion in <variable name="Variable"> offers variable names', async () => {
    const doc = (await openTaskSequence(FIXTURES.completion)).document;
    const items = await complete(doc.uri, positionAfter(doc, '<variable name="Variable">'));
    const winpe = items.find((i) => labelOf(i) === '_SMSTSInWinPE');
    assert.ok(winpe, `_SMSTSInWinPE is not offered; got ${items.length} items: ${JSON.stringify(items.slice(0, 20).map(labelOf))}`);
    assert.match(winpe.detail ?? '', /read-only/, 'a read-only built-in should say so');
    assert.ok(items.length > 50, `only ${items.length} variable names offered`);
    assert.ok(!items.some((i) => labelOf(i) === 'equals'), 'operators offered as variable names');
  });

  test('hover on a step type and on a variable name', async () => {
    const doc = (await openTaskSequence(FIXTURES.taskSequence)).document;
    const typeAt = positionAfter(doc, 'type="SMS_TaskSequence_Run', -4); // inside the value
    const typeHover = await waitFor(
      async () => {
        const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, typeAt);
        return h?.length ? h : undefined;
      },
      30_000,
      'a hover on the step type',
    );
    const typeText = hoverText(typeHover);
    assert.match(typeText, /Run Command Line/, `the step type hover does not name the step: ${typeText}`);
    assert.match(typeText, /SMS_TaskSequence_RunCommandLineAction/);
    const typeRange = typeHover.find((h) => h.range)?.range;
    assert.ok(typeRange?.contains(typeAt), 'the step type hover has no range around the value');

    const variableAt = positionAfter(doc, '<variable name="Variable">_SMS', 0);
    const variableHover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, variableAt);
    const variableText = hoverText(variableHover ?? []);
    assert.match(variableText, /_SMSTSInWinPE/, `no hover for _SMSTSInWinPE: ${variableText || '(none)'}`);
    assert.match(variableText, /read-only/);
    assert.match(variableText, /Windows PE/);
  });
});
