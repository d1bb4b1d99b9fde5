import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { DOCUMENT_TOO_LARGE, getLanguageService, parseOptionsFor } from '../../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../../server/src/service/settings';
import { readSettings } from '../../../server/src/service/util/readSettings';

const service = getLanguageService();
const broken = '<sequence version="3.10">\n  <group name="G" name="H" contineOnError="true">\n  </group>\n</sequence>';

function diagnose(text: string, settings = DEFAULT_SETTINGS, languageId = 'tasksequence-xml') {
  const document = TextDocument.create('file:///s.xml', languageId, 1, text);
  const parsed = service.parse(document, parseOptionsFor(settings));
  return { document, parsed, diagnostics: service.doValidation(document, parsed, settings) };
}

describe('language service settings', () => {
  it('reads the taskSequence section, falling back per key', () => {
    const settings = readSettings({
      validate: { enable: false, severity: { 'unknown-attribute': 'hint', bogus: 'loud' } },
      flavor: 'mdt',
      maxItemsComputed: 12.7,
      limits: { maxDocumentSize: 'big', maxNestingDepth: 40 },
    });
    assert.deepEqual(settings, {
      validate: false,
      severity: { 'unknown-attribute': 'hint' },
      flavor: 'mdt',
      maxItemsComputed: 12,
      maxDocumentSize: DEFAULT_SETTINGS.maxDocumentSize,
      maxNestingDepth: 40,
    });
    assert.deepEqual(readSettings(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(readSettings(null), DEFAULT_SETTINGS);
  });

  it('reports nothing when validation is off', () => {
    assert.deepEqual(diagnose(broken, { ...DEFAULT_SETTINGS, validate: false }).diagnostics, []);
  });

  it('applies severity overrides and turns codes off', () => {
    const { diagnostics } = diagnose(broken, { ...DEFAULT_SETTINGS, severity: { 'unknown-attribute': 'hint', 'duplicate-attribute': 'off' } });
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity]),
      [['unknown-attribute', DiagnosticSeverity.Hint]],
    );
  });

  it('forces the flavor and the nesting limit through the parse options', () => {
    const mdt = diagnose('<sequence version="3.10"><step type="SMS_TaskSequence_RunCommandLineAction" name="S"/></sequence>', { ...DEFAULT_SETTINGS, flavor: 'mdt' });
    assert.equal(mdt.parsed.flavor, 'mdt');
    const shallow = diagnose('<sequence version="3.10"><group name="a"><group name="b"><group name="c"/></group></group></sequence>', { ...DEFAULT_SETTINGS, maxNestingDepth: 2 });
    assert.equal(shallow.parsed.truncated, true);
  });

  it('gives a document over the size limit one notice and no analysis', () => {
    const { document, parsed, diagnostics } = diagnose(broken, { ...DEFAULT_SETTINGS, maxDocumentSize: 20 });
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      [DOCUMENT_TOO_LARGE],
    );
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Warning);
    assert.deepEqual(service.findDocumentSymbols(document, parsed), []);
    assert.deepEqual(service.getFoldingRanges(document, parsed), []);
    assert.deepEqual(service.doComplete(document, parsed, { line: 1, character: 3 }).items, []);
  });

  it('knows a task sequence from other XML', () => {
    const xml = (text: string) => TextDocument.create('file:///o.xml', 'xml', 1, text);
    assert.equal(service.isTaskSequence(xml('<?xml version="1.0"?><catalog/>')), false);
    assert.equal(service.isTaskSequence(xml('<sequence version="3.10"/>')), true);
    assert.equal(service.isTaskSequence(TextDocument.create('file:///n.xml', 'tasksequence-xml', 1, '')), true, 'the language id is enough');
  });
});

describe('diagnostics of a parse', () => {
  const text = '<sequence version="3.10">\n  <step type="SMS_TaskSequence_RunCommandLineAction" name="Run">\n    <action>cmd.exe</action>\n  </step>\n</sequence>';

  it('are computed once per parse and settings', () => {
    const { document, parsed, diagnostics } = diagnose(text);
    assert.equal(service.doValidation(document, parsed, DEFAULT_SETTINGS), diagnostics, 'the same array for the same parse');
    const quiet = readSettings({ validate: { severity: { 'missing-step-property': 'off' } } });
    assert.notEqual(service.doValidation(document, parsed, quiet), diagnostics, 'other settings are checked anew');
  });

  it('of a parse updated after an edit are those of the edited text', () => {
    const { document, parsed, diagnostics } = diagnose(text);
    // Typing a long name into the step: the parse is updated in place (an edit inside an attribute value).
    const at = text.indexOf('name="Run"') + 'name="'.length;
    const typed = 'x'.repeat(120);
    const edited = TextDocument.update(document, [{ range: { start: document.positionAt(at), end: document.positionAt(at) }, text: typed }], 2);
    const updated = service.parse(edited, {}, { previous: parsed, edit: { start: at, end: at, text: typed } });
    assert.equal(updated.roots, parsed.roots, 'the edit updated the previous parse');
    const codes = (list: readonly { code?: number | string }[]) => list.map((d) => d.code).sort();
    const fresh = service.doValidation(edited, service.parse(edited), DEFAULT_SETTINGS);
    assert.deepEqual(codes(service.doValidation(edited, updated, DEFAULT_SETTINGS)), codes(fresh));
    assert.ok(codes(fresh).includes('step-name-length') && !codes(diagnostics).includes('step-name-length'), 'the edit changes the diagnostics');
  });
});
