import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configMgrSequence, mdtSequence, spanOf, textAt } from '../../support/checkHarness';
import { expectNone, expectOne, runCommandLine, setVariable } from '../../support/checkFixtures';
import { anyStep, applyDriverPackage, powerShell, reboot } from '../../support/stepFixtures';

const installPackage = (variables: string[]): string =>
  anyStep({ type: 'SMS_TaskSequence_InstallSoftwareAction', name: 'Install Package', runIn: 'FullOS', action: 'smsswd.exe /pkg: /install /basevar: /continueOnError:', variables });

const checkReadiness = (variables: string[]): string =>
  anyStep({
    type: 'SMS_TaskSequence_PrestartCheckAction',
    name: 'Check Readiness',
    action: 'OSDPrestartCheck.exe',
    variables: ['OSDCheckMemory|CheckMemory|false', 'OSDCheckProcessorSpeed|CheckProcessorSpeed|false', 'OSDCheckFreeDiskSpace|CheckFreeDiskSpace|false', 'OSDCheckOSType|CheckOSType|false', ...variables],
  });

describe('step properties: requirements', () => {
  test('missing-step-property: a Not_Null property that is absent is an error on the step', () => {
    const xml = configMgrSequence(setVariable('X', '1').replace(/\s*<variable name="VariableName"[^\n]*/, ''));
    const problem = expectOne(xml, 'missing-step-property', 'error', 'step');
    assert.match(problem.message, /VariableName/);
    expectNone(configMgrSequence(setVariable('X', '1')), 'missing-step-property');
  });

  test('missing-step-property: a present but empty property is reported on the variable', () => {
    const xml = configMgrSequence(setVariable('', '1').replace('tsenv.exe "=1"', 'tsenv.exe "X=1"'));
    expectOne(xml, 'missing-step-property', 'error', 'VariableName');
  });

  test('missing-step-property: an either/or pair is reported once, naming both', () => {
    const problem = expectOne(configMgrSequence(installPackage(['ContinueOnInstallError|ContinueOnInstallError|false'])), 'missing-step-property', 'error', 'step');
    assert.match(problem.message, /PackageID or BaseVariableName/);
    expectNone(configMgrSequence(installPackage(['PackageID|PackageID|ABC00012|hidden', '_SMSSWDProgramName|ProgramName|Install'])), 'missing-step-property');
  });

  test('missing-step-property: a "when set" rule (ProgramName with PackageID)', () => {
    const problem = expectOne(configMgrSequence(installPackage(['PackageID|PackageID|ABC00012|hidden'])), 'missing-step-property', 'error', 'step');
    assert.match(problem.message, /_SMSSWDProgramName because PackageID is set/);
  });

  test('missing-step-property: a "when equals" rule (memory check on, no memory)', () => {
    const on = checkReadiness([]).replace('CheckMemory">false', 'CheckMemory">true');
    const problem = expectOne(configMgrSequence(on), 'missing-step-property', 'error', 'step');
    assert.match(problem.message, /OSDMemory because OSDCheckMemory is true/);
    expectNone(configMgrSequence(checkReadiness([])), 'missing-step-property');
  });

  test('missing-step-property: a requirement the catalog only inferred is a warning', () => {
    const xml = configMgrSequence(powerShell().replace(/\s*<variable name="OSDRunPowerShellScriptSourceScript"[^\n]*/, ''));
    const problem = expectOne(xml, 'missing-step-property', 'warning', 'step');
    assert.match(problem.message, /OSDRunPowerShellScriptPackageID or OSDRunPowerShellScriptSourceScript/);
  });

  test('missing-step-property: the fix inserts the property with its default value', () => {
    const xml = configMgrSequence(powerShell().replace(/\s*<variable name="OSDRunPowerShellScriptExecutionPolicy"[^\n]*/, ''));
    const problem = expectOne(xml, 'missing-step-property', 'error', 'step');
    assert.equal(problem.data?.insertText, '\n      <variable name="OSDRunPowerShellScriptExecutionPolicy" property="ExecutionPolicy">AllSigned</variable>');
    assert.equal(problem.data?.insertAt, spanOf(xml, 'hidden="true">0 3010</variable>').end);
  });

  test('missing-step-property: Lite Touch steps are not held to the ConfigMgr provider rules', () => {
    expectNone(mdtSequence(setVariable('X', '1').replace(/\s*<variable name="VariableName"[^\n]*/, '')), 'missing-step-property');
  });
});

describe('step properties: values', () => {
  test('invalid-property-value: an enum value the type does not take is an error with the values as fixes', () => {
    const problem = expectOne(configMgrSequence(reboot('Disk', 'smsboot.exe /target:HD')), 'invalid-property-value', 'error', 'Disk');
    assert.deepEqual(problem.data?.replacements, ['HD', 'WinPE']);
    expectNone(configMgrSequence(reboot('WinPE')), 'invalid-property-value');
  });

  test('property-value-case: a value that differs only in case is a warning with the exact spelling', () => {
    const problem = expectOne(configMgrSequence(powerShell({ policy: 'bypass' })), 'property-value-case', 'warning', 'bypass');
    assert.deepEqual(problem.data?.replacements, ['Bypass']);
    expectNone(configMgrSequence(powerShell({ policy: 'Bypass' })), 'property-value-case');
  });

  test('invalid-property-value: a number property with letters', () => {
    const image = (index: string): string =>
      anyStep({
        type: 'SMS_TaskSequence_ApplyDataImageAction',
        name: 'Apply Data Image',
        runIn: 'WinPE',
        action: 'OSDApplyOS.exe /data:ABC00150,%OSDDataImageIndex%',
        variables: [`OSDDataImageIndex|ImageIndex|${index}`, 'ImagePackageID|ImagePackageID|ABC00150|hidden', 'OSDWipeDestinationPartition|WipeDestinationPartition|true'],
      });
    expectOne(configMgrSequence(image('one')), 'invalid-property-value', 'error', 'one');
    expectOne(configMgrSequence(image('0')), 'property-out-of-range', 'error', '0');
    expectNone(configMgrSequence(image('1')), 'property-out-of-range');
    expectNone(configMgrSequence(image('%ImageIndex%')), 'invalid-property-value');
  });

  test('property-out-of-range: a range the catalog only observed is a warning', () => {
    const disable = (count: string): string =>
      anyStep({ type: 'SMS_TaskSequence_DisableBitLockerAction', name: 'Disable BitLocker', runIn: 'FullOS', action: 'OSDBitLocker.exe /disable ', variables: [`OSDBitLockerRebootCount|RebootCount|${count}`] });
    expectOne(configMgrSequence(disable('16')), 'property-out-of-range', 'warning', '16');
    expectNone(configMgrSequence(disable('15')), 'property-out-of-range');
  });

  test('invalid-boolean: True in a ConfigMgr step is a warning; Lite Touch writes True itself', () => {
    const xml = configMgrSequence(runCommandLine().replace('DisableWow64Redirection">false', 'DisableWow64Redirection">False'));
    const problem = expectOne(xml, 'invalid-boolean', 'warning', 'False');
    assert.deepEqual(problem.data?.replacements, ['false']);
    expectNone(mdtSequence(runCommandLine().replace('DisableWow64Redirection">false', 'DisableWow64Redirection">False')), 'invalid-boolean');
    expectOne(mdtSequence(runCommandLine().replace('DisableWow64Redirection">false', 'DisableWow64Redirection">maybe')), 'invalid-boolean', 'warning', 'maybe');
  });

  test('property-too-long: a value over the documented length', () => {
    const long = 'C:\\' + 'x'.repeat(253);
    expectOne(configMgrSequence(runCommandLine({ extra: `\n      <variable name="WorkingDirectory" property="WorkingDirectory">${long}</variable>` })), 'property-too-long', 'error', long);
    expectNone(configMgrSequence(runCommandLine({ extra: `\n      <variable name="WorkingDirectory" property="WorkingDirectory">C:\\Temp</variable>` })), 'property-too-long');
  });

  test('invalid-property-format: Connect to Network Folder on X: (the drive of Windows PE)', () => {
    const connect = (letter: string): string =>
      anyStep({
        type: 'SMS_TaskSequence_ConnectNetworkFolderAction',
        name: 'Connect to Network Folder',
        action: 'smsnetuse.exe %SMSConnectNetworkFolderPath%',
        variables: [`SMSConnectNetworkFolderDriveLetter|DriveLetter|${letter}`, 'SMSConnectNetworkFolderPassword|Password|', 'SMSConnectNetworkFolderPath|Path|\\\\Server\\Share', 'SMSConnectNetworkFolderAccount|Username|%user%'],
      });
    expectOne(configMgrSequence(connect('X:')), 'invalid-property-format', 'warning', 'X:');
    expectNone(configMgrSequence(connect('M:')), 'invalid-property-format');
  });

  test('deprecated-property: a deprecated switch turned on is information', () => {
    expectOne(configMgrSequence(applyDriverPackage('ABC00012').replace('UnsignedDriver">false', 'UnsignedDriver">true')), 'deprecated-property', 'information', 'true');
    expectNone(configMgrSequence(applyDriverPackage('ABC00012')), 'deprecated-property');
  });
});

describe('step properties: names', () => {
  test('unknown-step-variable: a variable that is no property of the type', () => {
    const xml = configMgrSequence(runCommandLine({ extra: '\n      <variable name="ContosoFlag" property="ContosoFlag">1</variable>' }));
    const problem = expectOne(xml, 'unknown-step-variable', 'warning', 'ContosoFlag');
    assert.equal(problem.data, undefined);
    expectNone(configMgrSequence(runCommandLine()), 'unknown-step-variable');
  });

  test('unknown-step-variable: a misspelt name and property get did-you-mean', () => {
    const xml = configMgrSequence(runCommandLine({ extra: '\n      <variable name="SMSTSRunCommandLineUserNme" property="UserNme">me</variable>' }));
    const problem = expectOne(xml, 'unknown-step-variable', 'warning', 'SMSTSRunCommandLineUserNme');
    assert.equal(problem.data?.replacements?.[0], 'SMSTSRunCommandLineUserName');
  });

  test('unknown-step-variable: the names Lite Touch writes for ConfigMgr types are known', () => {
    const mdtRun = anyStep({
      type: 'SMS_TaskSequence_RunCommandLineAction',
      name: 'Echo',
      action: 'cmd.exe /c echo hi',
      attributes: ' startIn=""',
      variables: ['PackageID|PackageID|', 'RunAsUser|RunAsUser|false', 'SMSTSRunCommandLineUserName|SMSTSRunCommandLineUserName|', 'SMSTSRunCommandLineUserPassword|SMSTSRunCommandLineUserPassword|', 'LoadProfile|LoadProfile|false'],
    });
    expectNone(mdtSequence(mdtRun), 'unknown-step-variable');
  });

  test('step-variable-mismatch: the right property under a wrong variable name', () => {
    const xml = configMgrSequence(runCommandLine().replace('name="SMSTSDisableWow64Redirection"', 'name="SMSTSDisableWow64Redirect"'));
    const problem = expectOne(xml, 'step-variable-mismatch', 'warning', 'SMSTSDisableWow64Redirect');
    assert.deepEqual(problem.data?.replacements, ['SMSTSDisableWow64Redirection']);
    assert.equal(textAt(xml, problem.related![0].span), 'DisableWow64Redirection');
  });

  test('step-variable-mismatch: the right variable name with a wrong property', () => {
    const xml = configMgrSequence(runCommandLine().replace('property="DisableWow64Redirection"', 'property="DisableWow64"'));
    const problem = expectOne(xml, 'step-variable-mismatch', 'warning', 'DisableWow64');
    assert.deepEqual(problem.data?.replacements, ['DisableWow64Redirection']);
  });

  test('duplicate-step-variable: the second one is reported, with a fix removing it', () => {
    const extra = '\n      <variable name="SMSTSDisableWow64Redirection" property="DisableWow64Redirection">true</variable>';
    const xml = configMgrSequence(runCommandLine({ extra }));
    const problem = expectOne(xml, 'duplicate-step-variable', 'warning', 'SMSTSDisableWow64Redirection');
    assert.equal(problem.span.start, spanOf(xml, 'SMSTSDisableWow64Redirection', 1).start);
    assert.equal(textAt(xml, problem.data!.deleteSpan!), extra.trim());
    expectNone(configMgrSequence(runCommandLine()), 'duplicate-step-variable');
  });
});
