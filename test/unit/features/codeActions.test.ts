import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { FIX_ALL_KIND } from '../../../server/src/service/features/codeActions';
import { getLanguageService } from '../../../server/src/service/languageService';

const service = getLanguageService();

function open(text: string): { document: TextDocument; diagnostics: Diagnostic[] } {
  const document = TextDocument.create('file:///fix.xml', 'tasksequence-xml', 1, text);
  return { document, diagnostics: service.doValidation(document, service.parse(document)) };
}

function actionsFor(text: string, code: string, only?: string[]): { document: TextDocument; actions: CodeAction[] } {
  const { document, diagnostics } = open(text);
  const diagnostic = diagnostics.find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} diagnostic in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
  const actions = service.getCodeActions(document, service.parse(document), { range: diagnostic.range, diagnostics: [diagnostic], only });
  return { document, actions };
}

/** Applies an action's edit and returns the new text. */
function apply(document: TextDocument, action: CodeAction): string {
  const edits = action.edit?.changes?.[document.uri] as TextEdit[] | undefined;
  assert.ok(edits, `action ${action.title} has no edit`);
  return TextDocument.applyEdits(document, edits);
}

function codesOf(text: string): string[] {
  return open(text).diagnostics.map((d) => String(d.code));
}

describe('quick fixes', () => {
  it('removes a duplicate attribute (deleteSpan)', () => {
    const { document, actions } = actionsFor('<sequence version="3.10">\n  <group name="G" name="H">\n  </group>\n</sequence>', 'duplicate-attribute');
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, CodeActionKind.QuickFix);
    assert.equal(actions[0].isPreferred, true);
    assert.equal(actions[0].title, 'Remove "name="H""');
    const fixed = apply(document, actions[0]);
    assert.equal(fixed, '<sequence version="3.10">\n  <group name="G">\n  </group>\n</sequence>');
    assert.deepEqual(codesOf(fixed), []);
  });

  it('closes an unclosed element (insertText at insertAt)', () => {
    const text = '<sequence version="3.10">\n  <group name="G">\n    <step name="S" type="SMS_TaskSequence_RunCommandLineAction"><action>cmd</action>\n  </group>\n</sequence>';
    const { document, actions } = actionsFor(text, 'unclosed-element');
    assert.equal(actions[0].title, 'Insert "</step>"');
    const fixed = apply(document, actions[0]);
    assert.match(fixed, /<action>cmd<\/action><\/step>/);
    assert.ok(!codesOf(fixed).includes('unclosed-element'));
  });

  it('unescapes an entity-escaped sequence instead of deleting it', () => {
    const text = '&lt;sequence version="3.10"&gt;&lt;group name="A &amp;amp; B"/&gt;&lt;/sequence&gt;';
    const { document, actions } = actionsFor(text, 'entity-escaped-sequence');
    assert.equal(actions.length, 1);
    assert.match(actions[0].title, /^Unescape/);
    const fixed = apply(document, actions[0]);
    assert.equal(fixed, '<sequence version="3.10"><group name="A &amp; B"/></sequence>');
    assert.deepEqual(codesOf(fixed), []);
  });

  it('offers each replacement of an unknown attribute, preferred when it is the only one', () => {
    const text = '<sequence version="3.10">\n  <group name="G" contineOnError="true">\n  </group>\n</sequence>';
    const { document, actions } = actionsFor(text, 'unknown-attribute');
    assert.equal(actions.length, 1);
    assert.equal(actions[0].title, 'Change to "continueOnError"');
    assert.equal(actions[0].isPreferred, true);
    const fixed = apply(document, actions[0]);
    assert.match(fixed, /<group name="G" continueOnError="true">/);
    assert.ok(!codesOf(fixed).includes('unknown-attribute'));
  });

  it('offers several replacements, none preferred', () => {
    const document = TextDocument.create('file:///fix.xml', 'tasksequence-xml', 1, '<sequence version="3.10"/>');
    const diagnostic: Diagnostic = {
      range: { start: { line: 0, character: 1 }, end: { line: 0, character: 9 } },
      message: 'made up',
      code: 'made-up-code',
      source: 'tasksequence',
      data: { replacements: ['one', 'two'] },
    };
    const actions = service.getCodeActions(document, service.parse(document), { range: diagnostic.range, diagnostics: [diagnostic] });
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [
        ['Change to "one"', false],
        ['Change to "two"', false],
      ],
    );
  });

  it('ignores diagnostics of other sources and malformed data', () => {
    const document = TextDocument.create('file:///fix.xml', 'tasksequence-xml', 1, '<sequence version="3.10"/>');
    const range = { start: { line: 0, character: 1 }, end: { line: 0, character: 9 } };
    const foreign: Diagnostic = { range, message: 'x', code: 'a', source: 'xml', data: { replacements: ['b'] } };
    const malformed: Diagnostic = { range, message: 'x', code: 'a', source: 'tasksequence', data: { replacements: 'b', deleteSpan: { start: 5, end: 1 } } };
    assert.deepEqual(service.getCodeActions(document, service.parse(document), { range, diagnostics: [foreign, malformed] }), []);
  });
});

describe('fix all', () => {
  const text = '<sequence version="3.10">\n  <group name="G" contineOnError="true" name="H">\n    <group name="I" disabel="true"/>\n  </group>\n</sequence>';

  it('fixes every problem of one kind in the file', () => {
    const { document, actions } = actionsFor(text, 'unknown-attribute');
    const all = actions.find((a) => a.title === 'Fix all "unknown-attribute" problems in this file');
    assert.ok(all, actions.map((a) => a.title).join(' | '));
    const fixed = apply(document, all);
    assert.ok(!codesOf(fixed).includes('unknown-attribute'));
    assert.ok(codesOf(fixed).includes('duplicate-attribute'), 'other kinds are left alone');
  });

  it('applies every unambiguous fix as source.fixAll.tasksequence', () => {
    const { document, diagnostics } = open(text);
    const actions = service.getCodeActions(document, service.parse(document), { range: diagnostics[0].range, diagnostics: [], only: [CodeActionKind.SourceFixAll] });
    assert.deepEqual(
      actions.map((a) => a.kind),
      [FIX_ALL_KIND],
    );
    const fixed = apply(document, actions[0]);
    assert.deepEqual(codesOf(fixed), []);
    assert.equal(fixed, '<sequence version="3.10">\n  <group name="G" continueOnError="true">\n    <group name="I" disable="true"/>\n  </group>\n</sequence>');
  });

  it('respects the requested kinds', () => {
    const { document, diagnostics } = open(text);
    const quickFixesOnly = service.getCodeActions(document, service.parse(document), { range: diagnostics[0].range, diagnostics, only: [CodeActionKind.QuickFix] });
    assert.ok(quickFixesOnly.every((a) => a.kind === CodeActionKind.QuickFix));
    const none = service.getCodeActions(document, service.parse(document), { range: diagnostics[0].range, diagnostics, only: [CodeActionKind.Refactor] });
    assert.deepEqual(none, []);
  });

  it('has no fix-all action when nothing can be fixed', () => {
    const { document } = open('<sequence version="3.10"/>');
    assert.deepEqual(service.getCodeActions(document, service.parse(document), { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, diagnostics: [], only: [FIX_ALL_KIND] }), []);
  });
});
