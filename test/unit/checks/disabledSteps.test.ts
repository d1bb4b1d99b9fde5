import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configMgrSequence, mdtSequence, problemsOf } from '../../support/checkHarness';
import { expectClean, expectNone, expectOne, group, runCommandLine } from '../../support/checkFixtures';

const child = (attributes: string): string => `  <subtasksequence type="SMS_TaskSequence_SubTasksequence" name="Run Task Sequence" description=""${attributes} successCodeList="0" retryCount="0" runFromNet="false">
    <action>SubTasksequence.exe</action>
    <defaultVarList>
      <variable name="OSDSubTasksequenceTsName" property="TsName">ABC00237, Install Default Applications</variable>
      <variable name="OSDSubTasksequencePackageID" property="TsPackageID">ABC00237</variable>
    </defaultVarList>
  </subtasksequence>`;

describe('disabled steps', () => {
  test('disabled-child-task-sequence: a disabled Run Task Sequence step', () => {
    const xml = configMgrSequence(child(' disable="true" continueOnError="true"'));
    const problem = expectOne(xml, 'disabled-child-task-sequence', 'warning', 'true');
    assert.match(problem.message, /Continue on error/);
    assert.match(problem.message, /Install Default Applications/);
    expectNone(configMgrSequence(child('')), 'disabled-child-task-sequence');
    expectNone(configMgrSequence(child(' disable="false"')), 'disabled-child-task-sequence');
  });

  test('a disabled step on its own is not reported', () => {
    expectClean(configMgrSequence(runCommandLine({ attributes: ' disable="true"' })));
  });

  test('steps-in-disabled-group: one hint per disabled group, not per step', () => {
    const inner = group('Inner', runCommandLine({ name: 'Three' }), ' disable="true"');
    const xml = configMgrSequence(group('Drivers', [runCommandLine({ name: 'One' }), runCommandLine({ name: 'Two', attributes: ' disable="true"' }), inner].join('\n'), ' disable="true"'));
    const problem = expectOne(xml, 'steps-in-disabled-group', 'hint', 'Drivers');
    assert.match(problem.message, /3 steps/);
    expectNone(configMgrSequence(group('Drivers', runCommandLine())), 'steps-in-disabled-group');
  });

  test('an empty disabled group says nothing', () => {
    assert.equal(problemsOf(configMgrSequence(group('Empty', '', ' disable="true"')), 'steps-in-disabled-group').length, 0);
  });

  test('MDT files: a disabled sub-task-sequence step is an MDT matter, not reported', () => {
    expectNone(mdtSequence(child(' disable="true"')), 'disabled-child-task-sequence');
  });
});
