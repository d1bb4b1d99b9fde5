import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configMgrSequence, mdtSequence, textAt } from '../../support/checkHarness';
import { expectNone, expectOne, runCommandLine } from '../../support/checkFixtures';
import { anyStep, powerShell } from '../../support/stepFixtures';

const applyOs = (runIn: string): string =>
  anyStep({
    type: 'SMS_TaskSequence_ApplyOperatingSystemAction',
    name: 'Apply Operating System',
    runIn,
    action: 'OSDApplyOS.exe /image:ABC00134,%OSDImageIndex% /runfromnet:False',
    variables: ['OSDImageIndex|ImageIndex|1', 'ImagePackageID|ImagePackageID|ABC00134|hidden', 'RunFromNet|RunFromNet|false|hidden'],
  });

describe('run environment', () => {
  test('invalid-run-in: a wrong letter case is a warning with the exact spelling', () => {
    const xml = configMgrSequence(runCommandLine().replace('runIn="WinPEandFullOS"', 'runIn="WinPEAndFullOS"'));
    const problem = expectOne(xml, 'invalid-run-in', 'warning', 'WinPEAndFullOS');
    assert.deepEqual(problem.data?.replacements, ['WinPEandFullOS']);
    expectNone(configMgrSequence(runCommandLine()), 'invalid-run-in');
  });

  test('invalid-run-in: an environment that does not exist is an error', () => {
    const problem = expectOne(configMgrSequence(runCommandLine().replace('runIn="WinPEandFullOS"', 'runIn="Both"')), 'invalid-run-in', 'error', 'Both');
    assert.deepEqual(problem.data?.replacements, ['WinPE', 'FullOS', 'WinPEandFullOS']);
  });

  test('run-in-not-supported: Apply Operating System Image runs only in Windows PE', () => {
    const problem = expectOne(configMgrSequence(applyOs('FullOS')), 'run-in-not-supported', 'error', 'FullOS');
    assert.deepEqual(problem.data?.replacements, ['WinPE']);
    expectNone(configMgrSequence(applyOs('WinPE')), 'run-in-not-supported');
  });

  test('run-in-not-supported: a wrongly cased value is judged after the case is fixed', () => {
    expectOne(configMgrSequence(applyOs('fullos')), 'run-in-not-supported', 'error', 'fullos');
  });

  test('run-as-in-winpe: a run-as account in a WinPE-only step is an error on the account switch', () => {
    const xml = configMgrSequence(powerShell({ runIn: 'WinPE', runAs: 'true', extra: ['SMSTSRunPowerShellUserName|UserName|CONTOSO\\svc'] }));
    const problem = expectOne(xml, 'run-as-in-winpe', 'error', 'true');
    assert.equal(textAt(xml, problem.related![0].span), 'WinPE');
    assert.deepEqual(problem.data?.replacements, ['false']);
    expectNone(configMgrSequence(powerShell({ runIn: 'WinPEandFullOS', runAs: 'true' })), 'run-as-in-winpe');
    expectNone(configMgrSequence(powerShell({ runIn: 'WinPE', runAs: 'false' })), 'run-as-in-winpe');
  });

  test('run-as-in-winpe: Lite Touch command lines (RunAsUser) too', () => {
    const step = anyStep({ name: 'As user', runIn: 'WinPE', action: 'cmd.exe /c whoami', attributes: ' startIn=""', variables: ['RunAsUser|RunAsUser|true', 'SMSTSRunCommandLineUserName|SMSTSRunCommandLineUserName|CONTOSO\\svc'] });
    expectOne(mdtSequence(step), 'run-as-in-winpe', 'error', 'true');
  });
});
