import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InsertTextFormat, MarkupKind, type CompletionItem, type MarkupContent, type TextEdit } from 'vscode-languageserver-types';
import { applyEdits, commandStep, fixture, sequence } from './testUtil';

function complete(content: string, options: Parameters<typeof fixture>[1] = {}, trigger?: string): CompletionItem[] {
  const f = fixture(content, options);
  return f.service.doComplete(f.document, f.parsed, f.position, trigger).items;
}

function labels(items: readonly CompletionItem[]): string[] {
  return items.map((i) => i.label);
}

/** Items in the order an editor shows them before filtering. */
function sorted(items: readonly CompletionItem[]): CompletionItem[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
}

function docText(item: CompletionItem): string {
  const doc = item.documentation;
  return typeof doc === 'string' ? doc : ((doc as MarkupContent | undefined)?.value ?? '');
}

/** The document text after accepting `item`. */
function accept(content: string, label: string, options: Parameters<typeof fixture>[1] = {}): string {
  const f = fixture(content, options);
  const item = f.service.doComplete(f.document, f.parsed, f.position).items.find((i) => i.label === label);
  assert.ok(item, `no item ${label}`);
  return applyEdits(f.document, [item.textEdit as TextEdit]);
}

const VARIABLE_KIND = 'SMS_TaskSequence_VariableConditionExpression';

describe('completion in conditions', () => {
  const inCondition = sequence(commandStep('Step', '    <condition>\n      |\n    </condition>'));

  it('offers a snippet per expression kind, the operators and the OS version group', () => {
    const items = complete(inCondition);
    const names = labels(items);
    for (const expected of ['Task Sequence Variable', 'Query WMI', 'File Properties', 'Folder Properties', 'Registry Setting', 'Installed Software', 'Operating System Version']) {
      assert.ok(names.includes(expected), `missing ${expected} in ${names.join(', ')}`);
    }
    assert.ok(names.some((n) => n.endsWith('(and)')) && names.some((n) => n.endsWith('(or)')) && names.some((n) => n.endsWith('(not)')));
    const variable = items.find((i) => i.label === 'Task Sequence Variable')!;
    assert.equal(variable.insertTextFormat, InsertTextFormat.Snippet);
    const text = (variable.textEdit as TextEdit).newText;
    assert.match(text, new RegExp(`^<expression type="${VARIABLE_KIND}">`));
    assert.match(text, /<variable name="Variable">\$\{1:Variable\}<\/variable>/);
    assert.match(text, /<variable name="Operator">\$\{2\|exists,notExists,equals,/);
    assert.match(docText(variable), /Task Sequence Variable/);
  });

  it('inserts plain text, without tab stops, for clients without snippet support', () => {
    const items = complete(inCondition, { clientCapabilities: { snippetSupport: false } });
    const variable = items.find((i) => i.label === 'Task Sequence Variable')!;
    assert.equal(variable.insertTextFormat, InsertTextFormat.PlainText);
    const text = (variable.textEdit as TextEdit).newText;
    assert.doesNotMatch(text, /\$/);
    assert.match(text, /<variable name="Operator">exists<\/variable>/);
    const wmi = items.find((i) => i.label === 'Query WMI')!;
    assert.match((wmi.textEdit as TextEdit).newText, /<variable name="Namespace">root\\cimv2<\/variable>/);
  });

  it('replaces a typed "<" and works in a half-typed, unclosed condition', () => {
    const content = sequence('  <step type="SMS_TaskSequence_RunCommandLineAction" name="S">\n    <condition>\n      <operator type="or">\n        <ex|');
    const items = complete(content, {}, undefined);
    const variable = items.find((i) => i.label === 'Task Sequence Variable');
    assert.ok(variable, labels(items).join(', '));
    const edit = variable.textEdit as TextEdit;
    assert.equal(edit.range.start.character, 8, 'the range starts at "<"');
    assert.ok(variable.filterText?.startsWith('<'));
    assert.equal(complete(content, {}, '<').length, items.length, 'typing "<" triggers the same list');
  });

  it('offers only WMI expressions inside an OS version group', () => {
    const content = sequence(commandStep('S', '    <condition><osConditionGroup type="or"><osExpressionGroup name="x"><|</osExpressionGroup></osConditionGroup></condition>'));
    assert.deepEqual(labels(complete(content)), ['Query WMI']);
  });

  it('offers the expression kinds and the operator types as attribute values', () => {
    const kinds = complete(sequence(commandStep('S', '    <condition><expression type="|"></expression></condition>')));
    assert.ok(labels(kinds).includes(VARIABLE_KIND));
    assert.ok(labels(kinds).includes('SMS_TaskSequence_WMIConditionExpression'));
    const operators = complete(sequence(commandStep('S', '    <condition><operator type="|"></operator></condition>')));
    assert.deepEqual(labels(operators), ['and', 'or', 'not']);
  });

  it('offers the property names of the expression kind', () => {
    const content = sequence(commandStep('S', `    <condition><expression type="${VARIABLE_KIND}"><variable name="Variable">X</variable><variable name="|"`));
    const items = sorted(complete(content));
    assert.deepEqual(labels(items), ['Operator', 'Value', 'Variable'], 'properties already present come last');
  });

  it('offers the operators valid for the expression kind, in their exact spelling', () => {
    const variable = complete(sequence(commandStep('S', `    <condition><expression type="${VARIABLE_KIND}"><variable name="Operator">|</variable></expression></condition>`)));
    assert.deepEqual(labels(variable).slice(0, 8), ['exists', 'notExists', 'equals', 'notEquals', 'less', 'lessEqual', 'greater', 'greaterEqual']);
    const software = complete(sequence(commandStep('S', '    <condition><expression type="SMS_TaskSequence_SoftwareConditionExpression"><variable name="Operator">Any|</variable></expression></condition>')));
    assert.deepEqual(labels(software), ['AnyVersion', 'ThisVersion']);
    const edit = software[0].textEdit as TextEdit;
    assert.equal(edit.range.end.character - edit.range.start.character, 3, 'the typed word is replaced');
    const file = complete(sequence(commandStep('S', '    <condition><expression type="SMS_TaskSequence_FileConditionExpression"><variable name="VersionOperator">|</variable></expression></condition>')));
    assert.ok(labels(file).includes('greaterEqual') && !labels(file).includes('exists'));
  });

  it('offers registry hives in KeyPath and REG_* types in Type', () => {
    const registry = 'SMS_TaskSequence_RegistryConditionExpression';
    const hives = complete(sequence(commandStep('S', `    <condition><expression type="${registry}"><variable name="KeyPath">|</variable></expression></condition>`)));
    assert.ok(labels(hives).includes('HKEY_LOCAL_MACHINE\\'), labels(hives).join(', '));
    const afterHive = complete(sequence(commandStep('S', `    <condition><expression type="${registry}"><variable name="KeyPath">HKEY_LOCAL_MACHINE\\SOFT|</variable></expression></condition>`)));
    assert.equal(afterHive.length, 0, 'no hives past the first key');
    const types = complete(sequence(commandStep('S', `    <condition><expression type="${registry}"><variable name="Type">|</variable></expression></condition>`)));
    assert.ok(labels(types).includes('REG_SZ') && labels(types).includes('REG_DWORD'));
  });
});

describe('completion of attribute values', () => {
  it('offers every step type, those of the document flavor first', () => {
    const items = sorted(complete(sequence('  <step type="|" name="New"/>')));
    const first = items[0];
    assert.ok(first.label.startsWith('SMS_TaskSequence_'), `ConfigMgr types come first, got ${first.label}`);
    const run = items.find((i) => i.label === 'SMS_TaskSequence_RunCommandLineAction')!;
    assert.equal(run.detail, 'Run Command Line');
    assert.match(docText(run), /Run Command Line/);
    const bdd = items.findIndex((i) => i.label.startsWith('BDD_'));
    assert.ok(bdd > 0, 'MDT types are offered too');
    assert.ok(items.slice(0, bdd).every((i) => !i.label.startsWith('BDD_')), 'after the ConfigMgr ones');
  });

  it('ranks MDT types with the others in an MDT document', () => {
    const mdt = '<sequence version="3.00" name="Lite Touch">\n  <step type="|" name="New"/>\n</sequence>';
    const items = complete(mdt);
    const gather = items.find((i) => i.label === 'BDD_Gather');
    const run = items.find((i) => i.label === 'SMS_TaskSequence_RunCommandLineAction');
    assert.ok(gather && run);
    assert.equal(gather.sortText?.charAt(0), run.sortText?.charAt(0));
  });

  it('inserts the quotes when the value has none yet', () => {
    assert.equal(
      accept(sequence('  <step name="x" runIn=| type="SMS_TaskSequence_RunCommandLineAction"/>'), 'FullOS'),
      sequence('  <step name="x" runIn="FullOS" type="SMS_TaskSequence_RunCommandLineAction"/>'),
    );
  });

  it('offers runIn values, the step type default first', () => {
    const items = sorted(complete(sequence('  <step type="SMS_TaskSequence_RunCommandLineAction" name="x" runIn="|"/>')));
    assert.deepEqual(labels(items), ['WinPEandFullOS', 'WinPE', 'FullOS']);
  });

  it('offers true and false for boolean attributes', () => {
    for (const attr of ['disable', 'continueOnError', 'runFromNet']) {
      assert.deepEqual(labels(complete(sequence(`  <step type="SMS_TaskSequence_RunCommandLineAction" name="x" ${attr}="|"/>`))), ['true', 'false'], attr);
    }
    const hidden = sequence(commandStep('S').replace('hidden="true"', 'hidden="|"'));
    assert.deepEqual(labels(complete(hidden)), ['true', 'false']);
  });

  it('offers the variables of the step type in its defaultVarList, adding the property', () => {
    const content = sequence(commandStep('S').replace('<defaultVarList>', '<defaultVarList>\n      <variable name="|">false</variable>'));
    const items = complete(content);
    const wow = items.find((i) => i.label === 'SMSTSDisableWow64Redirection');
    assert.ok(wow, labels(items).join(', '));
    assert.equal(wow.detail, 'property DisableWow64Redirection');
    const accepted = accept(content, 'SMSTSDisableWow64Redirection');
    assert.match(accepted, /<variable name="SMSTSDisableWow64Redirection" property="DisableWow64Redirection">false<\/variable>/);
    const already = sorted(items);
    assert.notEqual(already[0].label, 'CommandLine', 'a variable already bound is not offered first');
  });

  it('offers element names after "<" where the catalog allows them', () => {
    const items = complete(sequence(commandStep('S').replace('<action>', '<|\n    <action>')));
    assert.ok(labels(items).includes('condition') && labels(items).includes('defaultVarList'), labels(items).join(', '));
  });
});

describe('completion of variable names', () => {
  const setter = [
    '  <step type="SMS_TaskSequence_SetVariableAction" name="Set role" description="" runIn="WinPEandFullOS">',
    '    <action>tsenv.exe "DeviceRole=Kiosk"</action>',
    '    <defaultVarList>',
    '      <variable name="VariableName" property="VariableName" hidden="true">DeviceRole</variable>',
    '      <variable name="VariableValue" property="VariableValue" hidden="true">Kiosk</variable>',
    '    </defaultVarList>',
    '  </step>',
  ].join('\n');

  it('offers variables set earlier first, then the built-ins with their documentation', () => {
    const content = sequence(`${setter}\n${commandStep('Use', `    <condition><expression type="${VARIABLE_KIND}"><variable name="Variable">|</variable></expression></condition>`)}`);
    const items = sorted(complete(content));
    assert.equal(items[0].label, 'DeviceRole');
    assert.match(items[0].detail ?? '', /Set role/);
    const winpe = items.find((i) => i.label === '_SMSTSInWinPE');
    assert.ok(winpe, 'built-in variables are offered');
    assert.match(docText(winpe), /read-only/);
    assert.equal((winpe.documentation as MarkupContent).kind, MarkupKind.Markdown);
  });

  it('ranks variables set further down after the built-ins', () => {
    const content = sequence(`${commandStep('Use', `    <condition><expression type="${VARIABLE_KIND}"><variable name="Variable">|</variable></expression></condition>`)}\n${setter}`);
    const items = sorted(complete(content));
    const role = items.findIndex((i) => i.label === 'DeviceRole');
    const winpe = items.findIndex((i) => i.label === '_SMSTSInWinPE');
    assert.ok(role > winpe, 'a variable set after the cursor is less likely');
    assert.match(items[role].detail ?? '', /^set later by "Set role"/);
  });

  it('completes %VAR% references in command lines and closes them', () => {
    const content = sequence(commandStep('S').replace('echo hi</action>', 'echo %_SMSTSMData|</action>'));
    const items = complete(content, {}, '%');
    const data = items.find((i) => i.label === '_SMSTSMDataPath');
    assert.ok(data, labels(items).slice(0, 10).join(', '));
    assert.equal((data.textEdit as TextEdit).newText, '_SMSTSMDataPath%');
    assert.match(accept(content, '_SMSTSMDataPath'), /echo %_SMSTSMDataPath%<\/action>/);
  });

  it('completes in CommandLine-like values of a defaultVarList too', () => {
    const content = sequence(setter + '\n' + commandStep('S').replace('hidden="true">cmd.exe /c echo hi', 'hidden="true">cmd.exe /c echo %Dev|'));
    assert.equal(sorted(complete(content))[0].label, 'DeviceRole');
  });

  it('answers a trigger character only where it starts something', () => {
    const inCondition = sequence(commandStep('S', '    <condition>|</condition>'));
    assert.equal(complete(inCondition, {}, '%').length, 0);
    assert.equal(complete(inCondition, {}, ' ').length, 0);
    assert.ok(complete(inCondition).length > 0);
  });

  it('offers nothing inside comments or entity-escaped sequences', () => {
    assert.equal(complete(sequence('  <!-- <condition>| -->')).length, 0);
    assert.equal(complete('&lt;sequence version="3.10"&gt;&lt;step type="|"/&gt;&lt;/sequence&gt;').length, 0);
  });
});
