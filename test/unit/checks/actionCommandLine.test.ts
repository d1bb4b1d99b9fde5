import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configMgrSequence, mdtSequence, textAt } from '../../support/checkHarness';
import { expectNone, expectOne, runCommandLine, setVariable } from '../../support/checkFixtures';
import { anyStep, applyDriverPackage, reboot } from '../../support/stepFixtures';

describe('action command line', () => {
  test('stale-action: Run Command Line whose CommandLine was edited', () => {
    const xml = configMgrSequence(runCommandLine({ command: 'cmd.exe /c echo new' }).replace('/run: cmd.exe /c echo new', '/run: cmd.exe /c echo old'));
    const problem = expectOne(xml, 'stale-action', 'warning', 'cmd.exe /c echo old');
    assert.equal(textAt(xml, problem.related![0].span), 'cmd.exe /c echo new');
    assert.deepEqual(problem.data?.replacements, ['cmd.exe /c echo new']);
    expectNone(configMgrSequence(runCommandLine()), 'stale-action');
  });

  test('stale-action: Run Command Line whose package was changed', () => {
    const run = runCommandLine({ extra: '\n      <variable name="PackageID" property="PackageID" hidden="true">ABC00013</variable>' }).replace('/run: cmd', '/run:ABC00012 cmd');
    expectOne(configMgrSequence(run), 'stale-action', 'warning', 'ABC00012');
    expectNone(configMgrSequence(run.replace('/run:ABC00012', '/run:ABC00013')), 'stale-action');
  });

  test('stale-action: Restart Computer whose target was changed', () => {
    const problem = expectOne(configMgrSequence(reboot('WinPE', 'smsboot.exe /target:HD')), 'stale-action', 'warning', 'HD');
    assert.deepEqual(problem.data?.replacements, ['WinPE']);
    expectNone(configMgrSequence(reboot('WinPE')), 'stale-action');
  });

  test('stale-action: Set Task Sequence Variable (with and without /hiddenflag)', () => {
    const stale = setVariable('OSDisk', 'D:').replace('tsenv.exe "OSDisk=D:"', 'tsenv.exe "OSDisk=C:" /hiddenflag:False');
    expectOne(configMgrSequence(stale), 'stale-action', 'warning', 'C:');
    expectOne(configMgrSequence(setVariable('OSDisk', 'D:').replace('OSDisk=D:', 'OSDrive=D:')), 'stale-action', 'warning', 'OSDrive');
    expectNone(configMgrSequence(setVariable('Greeting', 'say "hi" now')), 'stale-action');
  });

  test('stale-action: Apply Driver Package, a package ID in the middle of the action', () => {
    expectOne(configMgrSequence(applyDriverPackage('ABC00012', 'ABC00011')), 'stale-action', 'warning', 'ABC00011');
    expectNone(configMgrSequence(applyDriverPackage('ABC00012')), 'stale-action');
  });

  test('stale-action: an action of another shape is not judged (older consoles, Lite Touch scripts)', () => {
    expectNone(configMgrSequence(reboot('HD', 'cscript.exe "%SCRIPTROOT%\\ZTIReboot.wsf"')), 'stale-action');
    expectNone(configMgrSequence(applyDriverPackage('ABC00012', 'ABC00012').replace(/<action>[^<]*/, '<action>osddriverclient.exe /auto')), 'stale-action');
    const ltiRun = anyStep({ type: 'SMS_TaskSequence_RunCommandLineAction', name: 'Echo', action: 'cmd.exe /c echo hi', attributes: ' startIn=""', variables: ['PackageID|PackageID|', 'RunAsUser|RunAsUser|false'] });
    expectNone(mdtSequence(ltiRun), 'stale-action');
  });

  test('stale-action: the action in an escaped file is replaced as a whole, escaped', () => {
    const xml = configMgrSequence(runCommandLine({ command: 'cmd.exe /c echo a &gt; b.txt' }).replace('/run: cmd.exe /c echo a &gt; b.txt', '/run: cmd.exe /c echo a &gt; c.txt'));
    const problem = expectOne(xml, 'stale-action', 'warning', 'smsswd.exe /run: cmd.exe /c echo a &gt; c.txt');
    assert.deepEqual(problem.data?.replacements, ['smsswd.exe /run: cmd.exe /c echo a &gt; b.txt']);
  });
});

describe('action program', () => {
  test('stale-action: an action that starts another program than the step type runs', () => {
    const xml = configMgrSequence(reboot('HD', 'smsswd.exe /run: shutdown /r'));
    const problem = expectOne(xml, 'stale-action', 'warning', 'smsswd.exe');
    assert.match(problem.message, /smsboot\.exe/);
  });

  test('stale-action: a fixed action is rewritten whole', () => {
    const setup = (action: string): string =>
      anyStep({ type: 'SMS_TaskSequence_SetupWindowsAndSMSAction', name: 'Setup Windows and ConfigMgr', action, variables: ['_SMSClientPackageID|ClientPackageID|ABC00254', 'SMSClientInstallProperties|ClientInstallProperties|'] });
    const problem = expectOne(configMgrSequence(setup('OSDApplyOS.exe')), 'stale-action', 'warning', 'OSDApplyOS.exe');
    assert.deepEqual(problem.data?.replacements, ['OSDSetupWindows.exe']);
    expectNone(configMgrSequence(setup('OSDSetupWindows.exe')), 'stale-action');
  });
});
