import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SymbolKind, SymbolTag, type DocumentSymbol } from 'vscode-languageserver-types';
import { flattenSymbols } from '../../../server/src/service/features/documentSymbols';
import { commandStep, fixture, sequence } from './testUtil';

const content = sequence(
  [
    '  <group name="Prepare" description="">',
    commandStep('Log start', '', ' continueOnError="true"'),
    '    <group name="Inner" disable="true">',
    commandStep('Disabled child'),
    '    </group>',
    '  </group>',
    '  <group name="Conditional">',
    '    <condition><expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Operator">equals</variable><variable name="Value">false</variable><variable name="Variable">_SMSTSInWinPE</variable></expression></condition>',
    '  </group>',
    '  <step type="SMS_TaskSequence_SetVariableAction" name="" runIn="WinPEandFullOS"><action>tsenv.exe</action></step>',
    '  <step type="SMS_TaskSequence_Nonexistent" name="Mystery"/>',
  ].join('\n'),
);

function symbols(text: string, limit?: { maxItems: number; onLimitExceeded?: (kept: number) => void }): DocumentSymbol[] {
  const f = fixture(text, { withCursor: false });
  return f.service.findDocumentSymbols(f.document, f.parsed, limit);
}

describe('document symbols', () => {
  it('lists the sequence, its groups and steps in order, nested', () => {
    const [root] = symbols(content);
    assert.equal(root.name, 'Task sequence');
    assert.equal(root.detail, 'version 3.10');
    assert.deepEqual(
      root.children!.map((s) => s.name),
      ['Prepare', 'Conditional', '(unnamed)', 'Mystery'],
    );
    const prepare = root.children![0];
    assert.equal(prepare.kind, SymbolKind.Namespace);
    assert.deepEqual(
      prepare.children!.map((s) => s.name),
      ['Log start', 'Inner'],
    );
    assert.deepEqual(prepare.children![1].children!.map((s) => s.name), ['Disabled child']);
  });

  it('details the step type, disabled, continue on error and the condition', () => {
    const [root] = symbols(content);
    const [prepare, conditional, unnamed, mystery] = root.children!;
    const [logStart, inner] = prepare.children!;
    assert.equal(logStart.detail, 'Run Command Line · continue on error');
    assert.equal(logStart.kind, SymbolKind.Function);
    assert.equal(inner.detail, 'disabled · Group');
    assert.deepEqual(inner.tags, [SymbolTag.Deprecated]);
    assert.equal(conditional.detail, 'Group · if _SMSTSInWinPE equals false');
    assert.equal(unnamed.detail, 'Set Task Sequence Variable');
    assert.equal(mystery.detail, 'SMS_TaskSequence_Nonexistent', 'an unknown type shows as written');
  });

  it('names MDT steps without a type as command lines', () => {
    const [root] = symbols('<sequence version="3.00" name="Lite Touch"><step name="Configure" startIn=""><action>cscript.exe ZTIConfigure.wsf</action></step></sequence>');
    assert.equal(root.name, 'Lite Touch');
    assert.equal(root.children![0].detail, 'MDT command line');
  });

  it('selects the name and covers the element', () => {
    const f = fixture(content, { withCursor: false });
    const [root] = f.service.findDocumentSymbols(f.document, f.parsed);
    const prepare = root.children![0];
    assert.equal(f.document.getText(prepare.selectionRange), 'Prepare');
    assert.ok(f.document.getText(prepare.range).startsWith('<group name="Prepare"'));
    assert.ok(f.document.getText(prepare.range).endsWith('</group>'));
  });

  it('stops at the limit and reports it once', () => {
    const reports: number[] = [];
    const [root] = symbols(content, { maxItems: 3, onLimitExceeded: (kept) => reports.push(kept) });
    const count = (list: readonly DocumentSymbol[]): number => list.reduce((n, s) => n + 1 + count(s.children ?? []), 0);
    assert.equal(count([root]), 3);
    assert.deepEqual(reports, [3]);
    assert.equal(symbols(content, { maxItems: 0 }).length, 0);
  });

  it('flattens for clients without hierarchical symbols', () => {
    const flat = flattenSymbols('file:///a.xml', symbols(content));
    assert.equal(flat.length, 8);
    assert.equal(flat.find((s) => s.name === 'Disabled child')?.containerName, 'Inner');
  });

  it('gives nothing for a document without a sequence', () => {
    assert.deepEqual(symbols('<catalog/>'), []);
  });
});
