import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MarkupKind, type MarkupContent } from 'vscode-languageserver-types';
import { commandStep, fixture, sequence } from './testUtil';

function hover(content: string, options: Parameters<typeof fixture>[1] = {}): MarkupContent | undefined {
  const f = fixture(content, options);
  const result = f.service.doHover(f.document, f.parsed, f.position);
  return result?.contents as MarkupContent | undefined;
}

const VARIABLE_KIND = 'SMS_TaskSequence_VariableConditionExpression';
const condition = [
  '    <condition>',
  `      <expression type="${VARIABLE_KIND}"><variable name="Operator">equals</variable><variable name="Value">false</variable><variable name="Variable">_SMSTSInWinPE</variable></expression>`,
  '      <operator type="or">',
  `        <expression type="${VARIABLE_KIND}"><variable name="Operator">exists</variable><variable name="Variable">DeviceRole</variable></expression>`,
  '        <expression type="SMS_TaskSequence_WMIConditionExpression"><variable name="Namespace">root\\cimv2</variable><variable name="Query">SELECT * FROM Win32_Battery</variable></expression>',
  '      </operator>',
  '    </condition>',
].join('\n');

describe('hover', () => {
  it('describes a step type on its type attribute', () => {
    const content = sequence(commandStep('S').replace('type="SMS_TaskSequence_Run', 'type="SMS_TaskSequence_R|un'));
    const markup = hover(content)!;
    assert.equal(markup.kind, MarkupKind.Markdown);
    assert.match(markup.value, /\*\*Run Command Line\*\*/);
    assert.match(markup.value, /Runs in: `WinPE`, `FullOS`, `WinPEandFullOS` \(default `WinPEandFullOS`\)/);
    assert.match(markup.value, /`CommandLine`/);
  });

  it('describes a built-in variable in a condition, with read-only and its users', () => {
    const markup = hover(sequence(commandStep('S', condition.replace('>_SMSTSInWinPE<', '>_SMSTSIn|WinPE<'))))!;
    assert.match(markup.value, /\*\*\\_SMSTSInWinPE\*\*: built-in variable, read-only/);
  });

  it('says which step sets a variable, and where', () => {
    const setter = [
      '  <step type="SMS_TaskSequence_SetVariableAction" name="Set role" runIn="WinPEandFullOS">',
      '    <action>tsenv.exe "DeviceRole=Kiosk"</action>',
      '    <defaultVarList><variable name="VariableName" property="VariableName" hidden="true">DeviceRole</variable></defaultVarList>',
      '  </step>',
    ].join('\n');
    const content = sequence(`${setter}\n${commandStep('Use').replace('echo hi</action>', 'echo %Device|Role%</action>')}`);
    const markup = hover(content)!;
    assert.match(markup.value, /Set by step "Set role" at line 4\./);
  });

  it('says when a variable is neither built in nor set', () => {
    const markup = hover(sequence(commandStep('S').replace('echo hi</action>', 'echo %Nobody|Sets%</action>')))!;
    assert.match(markup.value, /collection or device variable/);
  });

  it('describes a variable bound in a defaultVarList', () => {
    const markup = hover(sequence(commandStep('S').replace('<defaultVarList>', '<defaultVarList>\n      <variable name="SMSTSDisable|Wow64Redirection" property="DisableWow64Redirection">false</variable>')))!;
    assert.match(markup.value, /Run Command Line/);
  });

  it('reads a condition in plain English', () => {
    const markup = hover(sequence(commandStep('S', condition.replace('<condition>', '<con|dition>'))))!;
    assert.equal(
      markup.value,
      'Runs when `_SMSTSInWinPE` equals `false` and any of: (`DeviceRole` exists; the WMI query `SELECT * FROM Win32_Battery` returns something).',
    );
    const operator = hover(sequence(commandStep('S', condition.replace('<operator', '<oper|ator'))))!;
    assert.match(operator.value, /^True when any of: \(`DeviceRole` exists; /);
    const plain = hover(sequence(commandStep('S', condition.replace('<condition>', '<con|dition>'))), { clientCapabilities: { hoverFormat: MarkupKind.PlainText } })!;
    assert.equal(plain.kind, MarkupKind.PlainText);
    assert.equal(plain.value, 'Runs when _SMSTSInWinPE equals false and any of: (DeviceRole exists; the WMI query SELECT * FROM Win32_Battery returns something).');
  });

  it('describes an expression kind and an operator type', () => {
    const kind = hover(sequence(commandStep('S', condition.replace(`type="${VARIABLE_KIND}"`, `type="SMS_TaskSequence_|VariableConditionExpression"`))))!;
    assert.match(kind.value, /\*\*Task Sequence Variable\*\* condition/);
    const operator = hover(sequence(commandStep('S', condition.replace('type="or"', 'type="o|r"'))))!;
    assert.match(operator.value, /If Any condition is true/);
  });

  it('has nothing to say in plain text content', () => {
    assert.equal(hover(sequence(commandStep('S').replace('echo hi</action>', 'ec|ho hi</action>'))), undefined);
  });
});
