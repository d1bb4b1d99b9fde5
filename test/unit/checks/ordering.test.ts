import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configMgrSequence, mdtSequence, textAt } from '../../support/checkHarness';
import { expectNone, expectOne, group, step, variableExpression } from '../../support/checkFixtures';

const APPLY_OS = step('SMS_TaskSequence_ApplyOperatingSystemAction', 'Apply Operating System', ['OSDImagePackageId|ImagePackageID|ABC00001', 'OSDImageIndex|ImageIndex|1']);
const SETUP = step('SMS_TaskSequence_SetupWindowsAndSMSAction', 'Setup Windows and ConfigMgr', ['_SMSClientPackageID|ClientPackageID|ABC00002']);
const PARTITION = step('SMS_TaskSequence_PartitionDiskAction', 'Format and Partition Disk', ['OSDDiskIndex|DiskIndex|0']);
const restart = (target: string, name = 'Restart Computer'): string =>
  step('SMS_TaskSequence_RebootAction', name, ['SMSRebootMessage|Message|', 'SMSRebootTimeout|MessageTimeout|60', `SMSRebootTarget|Target|${target}`]);
const REQUEST = step('SMS_TaskSequence_RequestStateStoreAction', 'Request State Store', ['OSDStateRequestType|RequestType|capture']);
const CAPTURE = step('SMS_TaskSequence_CaptureUserStateAction', 'Capture User State', ['_OSDMigrateUsmtPackageID|UsmtPackageID|ABC00003']);
const RELEASE = step('SMS_TaskSequence_ReleaseStateStoreAction', 'Release State Store');
const USE_PACKAGE = step('BDD_UsePackage', 'Use Toolkit Package', ['BDDPackageID|PackageID|ABC00004']);
const GATHER = step('BDD_Gather', 'Gather', ['GatherLocalOnly|GatherLocalOnly|true']);

describe('step order', () => {
  test('setup-windows-before-apply-os', () => {
    const xml = configMgrSequence(`${SETUP}\n${APPLY_OS}`);
    const problem = expectOne(xml, 'setup-windows-before-apply-os', 'warning', 'Setup Windows and ConfigMgr');
    assert.equal(textAt(xml, problem.related![0].span), 'Apply Operating System');
    expectNone(configMgrSequence(`${APPLY_OS}\n${SETUP}`), 'setup-windows-before-apply-os');
    // A disabled step does not run: it is not "before" anything.
    expectNone(configMgrSequence(`${SETUP.replace('description=""', 'description="" disable="true"')}\n${APPLY_OS}`), 'setup-windows-before-apply-os');
    // Only when both are there (a child sequence may hold Setup Windows alone).
    expectNone(configMgrSequence(SETUP), 'setup-windows-before-apply-os');
  });

  test('mdt-step-before-use-package (ConfigMgr only)', () => {
    const xml = configMgrSequence(`${GATHER}\n${USE_PACKAGE}`);
    const problem = expectOne(xml, 'mdt-step-before-use-package', 'warning', 'Gather');
    assert.equal(textAt(xml, problem.related![0].span), 'Use Toolkit Package');
    expectOne(configMgrSequence(GATHER), 'mdt-step-before-use-package', 'warning', 'Gather');
    expectNone(configMgrSequence(`${USE_PACKAGE}\n${GATHER}`), 'mdt-step-before-use-package');
    expectNone(mdtSequence(GATHER), 'mdt-step-before-use-package');
  });

  test('state-store-order: capture before the request', () => {
    const xml = configMgrSequence(`${CAPTURE}\n${REQUEST}\n${RELEASE}`);
    expectOne(xml, 'state-store-order', 'warning', 'Capture User State');
    expectNone(configMgrSequence(`${REQUEST}\n${CAPTURE}\n${RELEASE}`), 'state-store-order');
    // A local state store needs no Request State Store at all.
    expectNone(configMgrSequence(CAPTURE), 'state-store-order');
  });

  test('state-store-order: release before the capture', () => {
    const xml = configMgrSequence(`${REQUEST}\n${RELEASE}\n${CAPTURE}`);
    const problem = expectOne(xml, 'state-store-order', 'warning', 'Release State Store');
    assert.equal(textAt(xml, problem.related![0].span), 'Capture User State');
    // Refresh: capture and release, later request again to restore.
    const restore = step('SMS_TaskSequence_RestoreUserStateAction', 'Restore User State');
    expectNone(configMgrSequence([REQUEST, CAPTURE, RELEASE, REQUEST, restore, RELEASE].join('\n')), 'state-store-order');
  });

  test('restart-before-os-applied: restarting to the hard disk right after formatting it', () => {
    const xml = configMgrSequence([restart('WinPE', 'Restart in Windows PE'), PARTITION, restart('HD'), APPLY_OS].join('\n'));
    const problem = expectOne(xml, 'restart-before-os-applied', 'warning', 'Restart Computer');
    assert.deepEqual(
      problem.related?.map((r) => textAt(xml, r.span)),
      ['Format and Partition Disk', 'Restart in Windows PE'],
    );
    expectNone(configMgrSequence([PARTITION, APPLY_OS, restart('HD')].join('\n')), 'restart-before-os-applied');
    expectNone(configMgrSequence([PARTITION, restart('WinPE')].join('\n')), 'restart-before-os-applied');
  });

  test('restart-before-os-applied: a conditional restart is not judged', () => {
    const conditional = group('Only in full OS', restart('HD')).replace(
      'description="">',
      `description="">\n    <condition>\n${variableExpression('_SMSTSInWinPE', 'equals', 'false')}\n    </condition>`,
    );
    expectNone(configMgrSequence([PARTITION, conditional, APPLY_OS].join('\n')), 'restart-before-os-applied');
  });
});
