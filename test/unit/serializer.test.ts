import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { SequenceNode } from '../../server/src/service/model';
import { parseTaskSequence } from '../../server/src/service/parser/parser';
import { exportXml, saveToXml } from '../../server/src/service/serializer';
import { snapshot } from '../support/modelSnapshot';

function parse(text: string): SequenceNode {
  const doc = parseTaskSequence(text);
  assert.deepEqual(
    doc.problems.filter((p) => p.severity === 'error').map((p) => p.message),
    [],
  );
  assert.ok(doc.sequence, 'no sequence');
  return doc.sequence;
}

function assertRoundTrip(text: string): string {
  const sequence = parse(text);
  const written = saveToXml(sequence);
  assert.deepStrictEqual(snapshot(parse(written)), snapshot(sequence));
  // The output is a fixed point: writing what was read back changes nothing.
  assert.equal(saveToXml(parse(written)), written);
  return written;
}

const CONFIGMGR = `<sequence version="3.10">
  <referenceList><reference package="ABC00237" program="*"/><reference application="ScopeId_1/Application_2"/></referenceList>
  <globalVarList><variable name="OSDStateSMPRetryCount" property="SMPRetryCount">3</variable></globalVarList>
  <group name="Install" description="">
    <condition><operator type="or"><expression type="SMS_TaskSequence_VariableConditionExpression">
      <variable name="Operator">equals</variable><variable name="Value">false</variable><variable name="Variable">_SMSTSInWinPE</variable>
    </expression></operator></condition>
    <group name="Nested" description="inner" continueOnError="true">
      <step type="SMS_TaskSequence_RunCommandLineAction" name="Run Command Line" description="" continueOnError="true"
            runIn="WinPEandFullOS" successCodeList="0 3010" retryCount="0" runFromNet="false">
        <condition>
          <operator type="and">
            <expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Variable">IsVM</variable><variable name="Operator">notEquals</variable><variable name="Value">True</variable></expression>
            <operator type="not">
              <expression type="SMS_TaskSequence_WMIConditionExpression"><variable name="Namespace">root\\cimv2</variable><variable name="Query">SELECT * FROM Win32_ComputerSystem WHERE Model LIKE "%Virtual%"</variable></expression>
            </operator>
            <osConditionGroup type="or">
              <osExpressionGroup type="and" name="All x64 Windows 10">
                <platformKey arch="x64" type="Win_NT" minVer="10.00.0000.0" maxVer="10.00.9999.9999" />
                <expression type="SMS_TaskSequence_WMIConditionExpression" ignoreQueryFailure="true"><variable name="Namespace">root\\cimv2</variable><variable name="Query">SELECT * FROM Win32_OperatingSystem WHERE ProductType&gt;1</variable></expression>
              </osExpressionGroup>
            </osConditionGroup>
          </operator>
        </condition>
        <action>smsswd.exe /run: cmd.exe /c echo hi</action>
        <defaultVarList>
          <variable name="CommandLine" property="CommandLine" hidden="true">cmd.exe /c echo hi</variable>
          <variable name="SMSTSDisableWow64Redirection" property="DisableWow64Redirection">false</variable>
          <variable name="_SMSTSRunCommandLineAsUser" property="RunAsUser">false</variable>
          <variable name="SuccessCodes" property="SuccessCodes" hidden="true">0 3010</variable>
        </defaultVarList>
      </step>
      <step type="SMS_TaskSequence_RebootAction" name="Restart Computer" description="" disable="true" runIn="WinPEandFullOS" successCodeList="0" retryCount="0" runFromNet="false">
        <action>smsboot.exe /target:WinPE</action>
        <defaultVarList><variable name="SMSRebootMessage" property="Message"></variable><variable name="SMSRebootTarget" property="Target">WinPE</variable></defaultVarList>
      </step>
    </group>
    <subtasksequence type="SMS_TaskSequence_SubTasksequence" name="Child" description="" runIn="WinPEandFullOS" successCodeList="0" retryCount="0" runFromNet="false">
      <action>SubTasksequence.exe</action>
      <defaultVarList><variable name="OSDSubTasksequencePackageID" property="TsPackageID" hidden="true">ABC00300</variable></defaultVarList>
    </subtasksequence>
  </group>
</sequence>`;

const MDT = `<?xml version="1.0"?>
<sequence version="3.00" name="Standard Client Task Sequence" description="A complete task sequence for deploying a client operating system">
  <globalVarList>
    <variable name="OSGUID" property="OSGUID">{7c4c4a1d-3a2b-4f8e-9d5c-1b2a3c4d5e6f}</variable>
    <variable name="DestinationDisk" property="DestinationDisk">0</variable>
  </globalVarList>
  <group expand="true" name="Initialization" description="Initialize the TS environment" disable="false" continueOnError="false">
    <action />
    <step name="Gather local only" disable="false" continueOnError="false" successCodeList="0 3010" description="" startIn="">
      <action>cscript.exe "%SCRIPTROOT%\\ZTIGather.wsf" /localonly</action>
    </step>
  </group>
  <group expand="false" name="Validation" description="" disable="false" continueOnError="false">
    <action />
    <step type="BDD_Validate" name="Validate" description="" disable="false" continueOnError="false" successCodeList="0 3010" startIn="">
      <defaultVarList>
        <variable name="ImageSize" property="ImageSize">0</variable>
        <variable name="VerifyOS" property="VerifyOS">CLIENT</variable>
      </defaultVarList>
      <action>cscript.exe "%SCRIPTROOT%\\ZTIValidate.wsf"</action>
      <condition>
        <expression type="SMS_TaskSequence_VariableConditionExpression">
          <variable name="Variable">PHASE</variable>
          <variable name="Operator">equals</variable>
          <variable name="Value">VALIDATION</variable>
        </expression>
      </condition>
    </step>
  </group>
</sequence>`;

const SPECIAL = `<sequence version="3.10">
  <step type="SMS_TaskSequence_RunCommandLineAction" name="Tom &amp; Jerry &lt;copy&gt;" description="He said &quot;hi&quot; &amp; 'bye'&#10;then&#9;left"
        runIn="FullOS" successCodeList="0" startIn="" retryCount="0">
    <action>smsswd.exe /run: cmd.exe /c "echo %OSDComputerName% &amp; dir" &gt; "C:\\out &lt;1&gt;.txt"</action>
    <defaultVarList>
      <variable name="CommandLine" property="CommandLine" hidden="true">cmd.exe /c "echo %OSDComputerName% &amp; dir" &gt; "C:\\out &lt;1&gt;.txt"</variable>
      <variable name="WorkingDirectory" property="WorkingDirectory"></variable>
      <variable name="PackageID" property="PackageID" />
      <variable name="Padded" property="Padded">  two spaces either side  </variable>
      <variable name="Blank" property="Blank"> </variable>
      <variable name="MultiLine" property="MultiLine">line 1&#13;
line 2
	tabbed</variable>
      <variable name="Cdata" property="Cdata"><![CDATA[<Rules><Rule a="1"/></Rules> & more]]></variable>
      <variable name="Apos" property="Apos">it's &apos;quoted&apos;</variable>
    </defaultVarList>
  </step>
</sequence>`;

test('saveToXml writes the console order, drops false flags and escapes values', () => {
  const source =
    '<sequence version="3.10"><step retryCount="0" name="A" type="T" continueOnError="false" disable="TRUE">' +
    '<defaultVarList><variable property="P" name="N">a &amp; b</variable><variable name="E" property="E"></variable></defaultVarList>' +
    '<action>run "x"</action>' +
    '<condition><expression type="SMS_TaskSequence_VariableConditionExpression"><variable name="Variable">X</variable></expression></condition>' +
    '<unknown/></step></sequence>';
  const expected = [
    '<sequence version="3.10">',
    '  <step type="T" name="A" disable="true" retryCount="0">',
    '    <condition>',
    '      <expression type="SMS_TaskSequence_VariableConditionExpression">',
    '        <variable name="Variable">X</variable>',
    '      </expression>',
    '    </condition>',
    '    <action>run "x"</action>',
    '    <defaultVarList>',
    '      <variable name="N" property="P">a &amp; b</variable>',
    '      <variable name="E" property="E"/>',
    '    </defaultVarList>',
    '  </step>',
    '</sequence>',
  ].join('\n');
  assert.equal(saveToXml(parse(source)), expected);
  assert.equal(
    saveToXml(parse(source), { indent: '', newline: '' }),
    expected
      .split('\n')
      .map((l) => l.trim())
      .join(''),
  );
  assert.equal(saveToXml(parse(source), { indent: '\t', newline: '\r\n' }), expected.replace(/ {2}/g, '\t').replace(/\n/g, '\r\n'));
});

test('saveToXml writes sequence name/description, MDT group action and platformKey', () => {
  const mdt = saveToXml(parse(MDT));
  assert.match(mdt, /^<sequence version="3.00" name="Standard Client Task Sequence" description="A complete/);
  assert.match(mdt, /<group name="Initialization" description="Initialize the TS environment" expand="true">\n {4}<action\/>\n/);
  assert.match(mdt, /<step name="Gather local only" description="" successCodeList="0 3010" startIn="">/);
  assert.match(mdt, /<step type="BDD_Validate"[^>]*>\n {6}<condition>[\s\S]*<\/condition>\n {6}<action>[^<]*<\/action>\n {6}<defaultVarList>/);
  const cm = saveToXml(parse(CONFIGMGR));
  assert.match(cm, /<osExpressionGroup type="and" name="All x64 Windows 10">\n\s*<platformKey arch="x64" type="Win_NT" minVer="10.00.0000.0" maxVer="10.00.9999.9999"\/>/);
  assert.match(cm, /<expression type="SMS_TaskSequence_WMIConditionExpression" ignoreQueryFailure="true">/);
  assert.match(cm, /<step type="SMS_TaskSequence_RebootAction" name="Restart Computer" description="" disable="true" runIn=/);
});

test('saveToXml escapes special characters and keeps values exact', () => {
  const written = assertRoundTrip(SPECIAL);
  assert.match(written, / name="Tom &amp; Jerry &lt;copy&gt;" description="He said &quot;hi&quot; &amp; 'bye'&#10;then&#9;left"/);
  assert.match(written, /<action>smsswd.exe \/run: cmd.exe \/c "echo %OSDComputerName% &amp; dir" &gt; "C:\\out &lt;1&gt;.txt"<\/action>/);
  assert.match(written, /<variable name="WorkingDirectory" property="WorkingDirectory"\/>/);
  assert.match(written, /<variable name="Padded" property="Padded"> {2}two spaces either side {2}<\/variable>/);
  assert.match(written, /<variable name="MultiLine" property="MultiLine">line 1&#13;\nline 2\n\ttabbed<\/variable>/);
  assert.match(written, /&lt;Rules&gt;&lt;Rule a="1"\/&gt;&lt;\/Rules&gt; &amp; more/);
  const step = parse(written).steps[0];
  assert.equal(step.kind === 'step' && step.variables.find((v) => v.name === 'Blank')?.value, ' ');
});

test('round trip keeps the model of every fixture', () => {
  for (const fixture of [CONFIGMGR, MDT, SPECIAL]) {
    assertRoundTrip(fixture);
  }
});

test('a second condition and unknown elements are dropped, the model is kept', () => {
  const source =
    '<sequence version="3.10"><custom a="1"/><step type="T" name="S"><condition><expression type="E"/></condition>' +
    '<condition><expression type="F"/></condition><action>a</action><action>b</action><extra>x</extra></step></sequence>';
  const written = assertRoundTrip(source);
  assert.equal(
    written.replace(/\n\s*/g, ''),
    '<sequence version="3.10"><step type="T" name="S"><condition><expression type="E"/></condition><action>a</action></step></sequence>',
  );
});

const SECRETS = `<sequence version="3.10">
  <globalVarList><variable name="OSDLocalAdminPassword" property="AdminPassword">GlobalSecret1</variable><variable name="OSDTimeZone" property="TimeZone">UTC</variable></globalVarList>
  <step type="SMS_TaskSequence_JoinDomainWorkgroupAction" name="Join Domain" description="" runIn="FullOS" successCodeList="0" retryCount="0" runFromNet="false">
    <action>osdjoin.exe /type:%OSDJoinType%</action>
    <defaultVarList>
      <variable name="OSDJoinAccount" property="DomainAccount">CONTOSO\\join</variable>
      <variable name="OSDJoinDomainName" property="DomainName">contoso.com</variable>
      <variable name="OSDJoinPassword" property="DomainPassword">P@ss&amp;word&lt;1&gt;</variable>
      <variable name="OSDJoinType" property="Type">0</variable>
    </defaultVarList>
  </step>
  <step type="SMS_TaskSequence_RunCommandLineAction" name="Run As" description="" runIn="FullOS" successCodeList="0 3010" retryCount="0" runFromNet="false">
    <action>smsswd.exe /run: cmd.exe /c whoami</action>
    <defaultVarList>
      <variable name="CommandLine" property="CommandLine" hidden="true">cmd.exe /c whoami</variable>
      <variable name="_SMSTSRunCommandLineAsUser" property="RunAsUser">true</variable>
      <variable name="SMSTSRunCommandLineUserName" property="UserName">CONTOSO\\svc</variable>
      <variable name="SMSTSRunCommandLineUserPassword" property="UserPassword">Hunter2</variable>
    </defaultVarList>
  </step>
  <step type="SMS_TaskSequence_ConnectNetworkFolderAction" name="Connect" description="" runIn="WinPEandFullOS" successCodeList="0">
    <action>osdnetsettings.exe</action>
    <defaultVarList><variable name="Whatever" property="Password">ByProperty</variable></defaultVarList>
  </step>
  <step name="MDT step without type" startIn="">
    <action>cscript.exe x.wsf</action>
    <defaultVarList><variable name="OSDJoinPassword">ByName</variable><variable name="SMSTSRunCommandLineUserPassword" property="SMSTSRunCommandLineUserPassword">Untyped</variable></defaultVarList>
  </step>
</sequence>`;

test('exportXml blanks secrets and keeps everything else', () => {
  const sequence = parse(SECRETS);
  const exported = exportXml(sequence);
  const expected = ['GlobalSecret1', 'P@ss&amp;word&lt;1&gt;', 'Hunter2', 'ByProperty', 'ByName', 'Untyped'].reduce(
    (text, secret) => text.replace(`>${secret}<`, '><'),
    SECRETS,
  );
  assert.notEqual(expected, SECRETS);
  assert.deepStrictEqual(snapshot(parse(exported)), snapshot(parse(expected)));
  for (const secret of ['GlobalSecret1', 'P@ss', 'Hunter2', 'ByProperty', 'ByName', 'Untyped']) {
    assert.ok(!exported.includes(secret), `${secret} is still in the export`);
  }
  assert.match(exported, /<variable name="OSDJoinPassword" property="DomainPassword"\/>/);
  assert.match(exported, /<variable name="OSDTimeZone" property="TimeZone">UTC<\/variable>/);
  // SaveToXml keeps them: only the export blanks.
  assert.ok(saveToXml(sequence).includes('Hunter2'));
});

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const CORPUS = path.resolve(REPO_ROOT, '..', 'shared', 'corpus', 'real');

test('corpus round trip', (t) => {
  if (!fs.existsSync(CORPUS)) {
    t.skip(`no corpus at ${CORPUS}`);
    return;
  }
  let roundTripped = 0;
  const skipped: string[] = [];
  for (const file of fs.readdirSync(CORPUS).filter((f) => f.endsWith('.xml')).sort()) {
    const doc = parseTaskSequence(fs.readFileSync(path.join(CORPUS, file), 'utf8'));
    if (!doc.sequence || doc.problems.some((p) => p.severity === 'error')) {
      skipped.push(file);
      continue;
    }
    const written = saveToXml(doc.sequence);
    const reread = parseTaskSequence(written);
    assert.deepEqual(reread.problems.filter((p) => p.severity === 'error'), [], file);
    assert.ok(reread.sequence, file);
    assert.deepStrictEqual(snapshot(reread.sequence), snapshot(doc.sequence), file);
    roundTripped++;
  }
  t.diagnostic(`round-tripped ${roundTripped} corpus files; skipped ${skipped.length}: ${skipped.join(', ') || 'none'}`);
  assert.ok(roundTripped > 0, 'no corpus file could be round-tripped');
});
