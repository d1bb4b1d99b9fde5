import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configMgrSequence, mdtSequence, spanOf, textAt } from '../../support/checkHarness';
import { expectClean, expectNone, expectOne, runCommandLine, setVariable, variableExpression } from '../../support/checkFixtures';

const conditioned = (variable: string, operator = 'equals', value = 'true'): string =>
  runCommandLine({ name: 'Conditional', condition: variableExpression(variable, operator, value) });

describe('variable flow', () => {
  test('misspelled-variable: a near miss of a built-in in a condition', () => {
    const xml = configMgrSequence(conditioned('_SMSTSInWindowsPE'));
    const problem = expectOne(xml, 'misspelled-variable', 'warning', '_SMSTSInWindowsPE');
    assert.deepEqual(problem.data?.replacements, ['_SMSTSInWinPE']);
    expectNone(configMgrSequence(conditioned('_SMSTSInWinPE')), 'misspelled-variable');
    // Case does not matter for variable names.
    expectClean(configMgrSequence(conditioned('_smstsinwinpe')));
  });

  test('misspelled-variable: also in MDT files', () => {
    const xml = mdtSequence(conditioned('_SMSTSLastActionSucceded'));
    expectOne(xml, 'misspelled-variable', 'warning', '_SMSTSLastActionSucceded');
  });

  test('misspelled-variable: a near miss of a variable an earlier step sets, with the setter as related', () => {
    const xml = configMgrSequence(`${setVariable('TSType_New', 'true', 'Set Type')}\n${conditioned('TSType_Nwe')}`);
    const problem = expectOne(xml, 'misspelled-variable', 'warning', 'TSType_Nwe');
    assert.deepEqual(problem.data?.replacements, ['TSType_New']);
    assert.equal(textAt(xml, problem.related![0].span), 'TSType_New');
    expectClean(configMgrSequence(`${setVariable('TSType_New', 'true', 'Set Type')}\n${conditioned('TSType_New')}`));
  });

  test('misspelled-variable: %Name% in a command line', () => {
    const xml = configMgrSequence(runCommandLine({ command: 'cmd.exe /c copy x.log %_SMSTSLogPth%\\x.log' }));
    const problems = expectOne(xml, 'misspelled-variable', 'warning', '_SMSTSLogPth');
    assert.deepEqual(problems.data?.replacements, ['_SMSTSLogPath']);
    // The action comes first: reported there, once per step.
    assert.ok(problems.span.start < xml.indexOf('<defaultVarList>'));
  });

  test('names that are always set: Windows environment, built-ins, array elements, own properties', () => {
    const commands = [
      'cmd.exe /c copy %windir%\\x.log "%ProgramFiles(x86)%\\x" /y',
      'cmd.exe /c echo %_SMSTSMDataPath% %OSDAdapter0IPAddressList% %SystemDrive% %COMPUTERNAME%',
    ];
    for (const command of commands) {
      expectClean(configMgrSequence(runCommandLine({ command })));
    }
    const join = configMgrSequence(`  <step type="SMS_TaskSequence_JoinDomainWorkgroupAction" name="Join Workgroup" description="" runIn="FullOS" successCodeList="0" retryCount="0" runFromNet="false">
    <action>osdjoin.exe /type:%OSDJoinType%</action>
    <defaultVarList>
      <variable name="OSDJoinSkipReboot" property="SkipReboot">false</variable>
      <variable name="OSDJoinType" property="Type">1</variable>
      <variable name="OSDJoinWorkgroupName" property="WorkgroupName">WORKGROUP</variable>
    </defaultVarList>
  </step>`);
    expectNone(join, 'misspelled-variable');
    expectNone(join, 'variable-not-set');
  });

  test('variables set by earlier steps: Set Task Sequence Variable, output variables, dynamic rules, downloads', () => {
    const output = runCommandLine({
      name: 'Query',
      extra: '\n      <variable name="SMSTSRunCommandLineOutputVariableName" property="OutputVariableName">QueryResult</variable>',
    });
    const download = `  <step type="SMS_TaskSequence_DownloadPackageContentAction" name="Download Drivers" description="" runIn="WinPEandFullOS" successCodeList="0" retryCount="0" runFromNet="false">
    <action>OSDDownloadContent.exe</action>
    <defaultVarList>
      <variable name="OSDDownloadDestinationLocationType" property="DestinationLocationType">TSCache</variable>
      <variable name="OSDDownloadDestinationVariable" property="DestinationVariable">Drivers</variable>
      <variable name="OSDDownloadDownloadPackages" property="DownloadPackages" hidden="true">ABC00001</variable>
    </defaultVarList>
  </step>`;
    const xml = configMgrSequence(
      [
        setVariable('AppList', 'x'),
        output,
        download,
        runCommandLine({ name: 'Use', command: 'cmd.exe /c echo %AppList% %QueryResult% %Drivers01%' }),
      ].join('\n'),
    );
    expectNone(xml, 'misspelled-variable');
    expectNone(xml, 'variable-not-set');
  });

  test('a downloaded package list is read by index only: its name followed by digits, also when the name ends in a digit', () => {
    const download = (destination: string): string => `  <step type="SMS_TaskSequence_DownloadPackageContentAction" name="Download ${destination}" description="" runIn="WinPEandFullOS" successCodeList="0" retryCount="0" runFromNet="false">
    <action>OSDDownloadContent.exe</action>
    <defaultVarList>
      <variable name="OSDDownloadDestinationLocationType" property="DestinationLocationType">TSCache</variable>
      <variable name="OSDDownloadDestinationVariable" property="DestinationVariable">${destination}</variable>
      <variable name="OSDDownloadDownloadPackages" property="DownloadPackages" hidden="true">ABC00001</variable>
    </defaultVarList>
  </step>`;
    const use = (command: string): string => runCommandLine({ name: 'Use', command });
    const body = (command: string): string => configMgrSequence([download('Drivers'), download('Pkg2'), use(command)].join('\n'));
    expectNone(body('cmd.exe /c echo %drivers01% %Pkg21% %Pkg2007%'), 'variable-not-set');
    expectOne(body('cmd.exe /c echo %Drivers%'), 'variable-not-set', 'information', 'Drivers');
    expectOne(body('cmd.exe /c echo %Pkg2%'), 'variable-not-set', 'information', 'Pkg2');
    expectOne(body('cmd.exe /c echo %Drivers1x%'), 'variable-not-set', 'information', 'Drivers1x');
  });

  test('variable-not-set: information in ConfigMgr files, nothing in MDT files', () => {
    const xml = configMgrSequence(conditioned('ApplyBranding'));
    const problem = expectOne(xml, 'variable-not-set', 'information', 'ApplyBranding');
    assert.match(problem.message, /collection or device variable/);
    expectNone(mdtSequence(conditioned('ApplyBranding')), 'variable-not-set');
  });

  test('variable-not-set: set only by a later step, with the later step as related', () => {
    const xml = configMgrSequence(`${conditioned('ApplyBranding')}\n${setVariable('ApplyBranding', 'true', 'Set Branding')}`);
    const problem = expectOne(xml, 'variable-not-set', 'information', 'ApplyBranding');
    assert.deepEqual(problem.related?.[0].span, spanOf(xml, 'ApplyBranding', 2));
  });

  test('MDT Gather makes CustomSettings.ini properties possible: unknown names are not reported', () => {
    const gather = `  <step type="BDD_Gather" name="Gather" description="" runIn="WinPEandFullOS" successCodeList="0" retryCount="0" runFromNet="false">
    <action>cscript.exe "%deployroot%\\scripts\\ztigather.wsf"</action>
    <defaultVarList>
      <variable name="GatherLocalOnly" property="GatherLocalOnly">true</variable>
      <variable name="RulesFile" property="RulesFile">CustomSettings.ini</variable>
    </defaultVarList>
  </step>`;
    const xml = configMgrSequence(`${gather}\n${conditioned('IsLaptop')}\n${conditioned('DoCapture', 'equals', 'YES')}`);
    expectNone(xml, 'variable-not-set');
    expectNone(xml, 'misspelled-variable');
  });
});
