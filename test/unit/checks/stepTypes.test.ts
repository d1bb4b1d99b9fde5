import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configMgrSequence, mdtSequence, spanOf } from '../../support/checkHarness';
import { expectNone, expectOne, runCommandLine } from '../../support/checkFixtures';
import { anyStep } from '../../support/stepFixtures';

const RUN = 'SMS_TaskSequence_RunCommandLineAction';

describe('step types', () => {
  test('unknown-step-type: wrong letter case is an error with the exact class name as fix', () => {
    const xml = configMgrSequence(runCommandLine().replace(RUN, 'SMS_TaskSequence_RunCommandlineAction'));
    const problem = expectOne(xml, 'unknown-step-type', 'error', 'SMS_TaskSequence_RunCommandlineAction');
    assert.match(problem.message, /letter case/);
    assert.deepEqual(problem.data?.replacements, [RUN]);
    expectNone(configMgrSequence(runCommandLine()), 'unknown-step-type');
  });

  test('unknown-step-type: a near miss is an error with did-you-mean', () => {
    const xml = configMgrSequence(runCommandLine().replace(RUN, 'SMS_TaskSequence_RunCommandLineActoin'));
    const problem = expectOne(xml, 'unknown-step-type', 'error', 'SMS_TaskSequence_RunCommandLineActoin');
    assert.equal(problem.data?.replacements?.[0], RUN);
    assert.match(problem.message, /Did you mean "SMS_TaskSequence_RunCommandLineAction"/);
  });

  test('unknown-step-type: a class like no known one is a warning (a newer or third-party step)', () => {
    const xml = configMgrSequence(anyStep({ type: 'Contoso_CustomInventoryStep', action: 'contoso.exe' }));
    const problem = expectOne(xml, 'unknown-step-type', 'warning', 'Contoso_CustomInventoryStep');
    assert.equal(problem.data, undefined);
  });

  test('unknown-step-type: MDT BDD_* classes are known in both flavors', () => {
    expectOne(mdtSequence(anyStep({ type: 'BDD_Gathr', action: 'cscript.exe "%SCRIPTROOT%\\ZTIGather.wsf"', runIn: null })), 'unknown-step-type', 'error', 'BDD_Gathr');
    expectNone(mdtSequence(anyStep({ type: 'BDD_Gather', action: 'cscript.exe "%SCRIPTROOT%\\ZTIGather.wsf"', runIn: null })), 'unknown-step-type');
  });

  test('missing-step-type: a ConfigMgr step without type is an error; its variables choose the fix', () => {
    const xml = configMgrSequence(runCommandLine().replace(`type="${RUN}" `, ''));
    const problem = expectOne(xml, 'missing-step-type', 'error', 'step');
    assert.equal(problem.data?.insertText, ` type="${RUN}"`);
    assert.equal(problem.data?.insertAt, spanOf(xml, '<step').start + '<step'.length);
  });

  test('missing-step-type: Lite Touch command-line steps have no type and are right', () => {
    const xml = mdtSequence(anyStep({ name: 'Echo', action: 'cmd.exe /c echo hi', runIn: null, attributes: ' startIn=""' }));
    expectNone(xml, 'missing-step-type');
  });

  test('missing-step-type: <subtasksequence> needs its type in every flavor, with the one possible fix', () => {
    const child = (type?: string): string =>
      anyStep({ element: 'subtasksequence', type, name: 'Child', runIn: null, action: 'SubTasksequence.exe', variables: ['OSDSubTasksequencePackageID|TsPackageID|ABC00012'] });
    const problem = expectOne(configMgrSequence(child()), 'missing-step-type', 'error', 'subtasksequence');
    assert.equal(problem.data?.insertText, ' type="SMS_TaskSequence_SubTasksequence"');
    expectOne(mdtSequence(child()), 'missing-step-type', 'error', 'subtasksequence');
    expectNone(configMgrSequence(child('SMS_TaskSequence_SubTasksequence')), 'missing-step-type');
  });

  test('step-element-mismatch: <subtasksequence> holds only Run Task Sequence', () => {
    const xml = configMgrSequence(runCommandLine().replace('<step', '<subtasksequence').replace('</step>', '</subtasksequence>'));
    const problem = expectOne(xml, 'step-element-mismatch', 'error', RUN);
    assert.deepEqual(problem.data?.replacements, ['SMS_TaskSequence_SubTasksequence']);
    // MDT writes Run Task Sequence as <step>: accepted.
    const asStep = anyStep({ type: 'SMS_TaskSequence_SubTasksequence', name: 'Child', runIn: null, action: 'cmd.exe /c exit 9999', variables: ['SubTaskSequenceID|SubTaskSequenceID|AJ001'] });
    expectNone(mdtSequence(asStep), 'step-element-mismatch');
    // ConfigMgr itself always writes <subtasksequence>.
    expectOne(configMgrSequence(asStep), 'step-element-mismatch', 'warning', 'step');
  });

  test('step-type-flavor: a Lite Touch-only step in a ConfigMgr task sequence is an error', () => {
    const installOs = (): string => anyStep({ type: 'BDD_InstallOS', name: 'Install Operating System', action: 'cscript.exe "%SCRIPTROOT%\\LTIApply.wsf"', variables: ['OSGUID|OSGUID|{00000000-0000-0000-0000-000000000000}'] });
    expectOne(configMgrSequence(installOs()), 'step-type-flavor', 'error', 'BDD_InstallOS');
    expectNone(mdtSequence(installOs()), 'step-type-flavor');
  });

  test('step-type-flavor: a ConfigMgr-integration MDT step in a Lite Touch task sequence is a warning', () => {
    const usePackage = anyStep({ type: 'BDD_UsePackage', name: 'Use Toolkit Package', action: 'smsswd.exe /run:ABC00002 cscript.exe "%deployroot%\\scripts\\ztiscCM.wsf"', variables: ['BDDPackageID|PackageID|ABC00002|hidden'] });
    expectOne(mdtSequence(usePackage), 'step-type-flavor', 'warning', 'BDD_UsePackage');
    expectNone(configMgrSequence(usePackage), 'step-type-flavor');
    // Steps MDT has in both kinds of task sequence are right in both.
    expectNone(configMgrSequence(anyStep({ type: 'BDD_Gather', action: 'smsswd.exe /run:ABC00002 cscript.exe "%deployroot%\\scripts\\ztigather.wsf"' })), 'step-type-flavor');
  });

  test('deprecated-step-type: Install Deployment Tools', () => {
    const tools = anyStep({ type: 'SMS_TaskSequence_InstallDeployToolsAction', name: 'Install Deployment Tools', runIn: 'FullOS', action: 'osdprepareos.exe /install:ABC00242', variables: ['SysprepPackageID|SysprepPackageID|ABC00242|hidden'] });
    expectOne(configMgrSequence(tools), 'deprecated-step-type', 'information', 'SMS_TaskSequence_InstallDeployToolsAction');
    expectNone(configMgrSequence(runCommandLine()), 'deprecated-step-type');
  });
});
