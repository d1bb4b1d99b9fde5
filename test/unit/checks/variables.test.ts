import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configMgrSequence, mdtSequence, textAt } from '../../support/checkHarness';
import { expectClean, expectNone, expectOne, runCommandLine, setVariable } from '../../support/checkFixtures';

const dynamicVariables = (rules: string): string =>
  configMgrSequence(`  <step type="SMS_TaskSequence_SetDynamicVariablesAction" name="Set Dynamic Variables" description="" runIn="WinPEandFullOS" successCodeList="0" retryCount="0" runFromNet="false">
    <action>OSDSetDynamicVariables.exe</action>
    <defaultVarList>
      <variable name="OSDSetDynamicVariablesRules" property="Rules">${rules}</variable>
    </defaultVarList>
  </step>`);

const rule = (name: string, value: string): string =>
  `&lt;Rules&gt;&lt;Rule&gt;&lt;Variables&gt;&lt;Variable Name="${name}" IsSecret="false"&gt;${value}&lt;/Variable&gt;&lt;/Variables&gt;&lt;/Rule&gt;&lt;/Rules&gt;`;

const withOutput = (name: string): string =>
  configMgrSequence(
    runCommandLine({
      extra: `\n      <variable name="SMSTSRunCommandLineOutputVariableName" property="OutputVariableName">${name}</variable>`,
    }),
  );

describe('variable names a step writes', () => {
  test('invalid-variable-name: Set Task Sequence Variable with a space', () => {
    const problem = expectOne(configMgrSequence(setVariable('My Var', '1')), 'invalid-variable-name', 'error', 'My Var');
    assert.match(problem.message, /spaces/);
    assert.deepEqual(problem.data?.replacements, ['MyVar']);
    expectNone(configMgrSequence(setVariable('MyVar', '1')), 'invalid-variable-name');
  });

  test('invalid-variable-name: must start with a letter, only letters, digits, _ and -', () => {
    expectOne(configMgrSequence(setVariable('1stDisk', 'C:')), 'invalid-variable-name', 'error', '1stDisk');
    expectOne(configMgrSequence(setVariable('Disk.Letter', 'C:')), 'invalid-variable-name', 'error', 'Disk.Letter');
    expectOne(configMgrSequence(setVariable('x'.repeat(257), '1')), 'invalid-variable-name', 'error', 'x'.repeat(257));
    expectNone(configMgrSequence(setVariable('Disk-Letter_1', 'C:')), 'invalid-variable-name');
  });

  test('invalid-variable-name: %Name% instead of Name', () => {
    const problem = expectOne(configMgrSequence(setVariable('%OSDComputerName%', 'PC01')), 'invalid-variable-name', 'error', '%OSDComputerName%');
    assert.deepEqual(problem.data?.replacements, ['OSDComputerName']);
  });

  test('invalid-variable-name is a warning in MDT files (MDT does not validate names)', () => {
    expectOne(mdtSequence(setVariable('My Var', '1')), 'invalid-variable-name', 'warning', 'My Var');
  });

  test('invalid-variable-name: an output variable', () => {
    expectOne(withOutput('Command Output'), 'invalid-variable-name', 'error', 'Command Output');
    expectNone(withOutput('CommandOutput'), 'invalid-variable-name');
  });

  test('read-only-variable-write: Set Task Sequence Variable on an _SMSTS variable', () => {
    const problem = expectOne(configMgrSequence(setVariable('_SMSTSInWinPE', 'false')), 'read-only-variable-write', 'error', '_SMSTSInWinPE');
    assert.match(problem.message, /read-only/);
    expectNone(configMgrSequence(setVariable('SMSTSErrorDialogTimeout', '60')), 'read-only-variable-write');
  });

  test('read-only-variable-write: an engine-owned prefix the catalog does not list', () => {
    expectOne(configMgrSequence(setVariable('_SMSTSSomethingNew', '1')), 'read-only-variable-write', 'error', '_SMSTSSomethingNew');
  });

  test('read-only-variable-write: a step property only its own step sets', () => {
    const problem = expectOne(configMgrSequence(setVariable('_SMSTSRunCommandLineAsUser', 'true')), 'read-only-variable-write', 'error', '_SMSTSRunCommandLineAsUser');
    assert.match(problem.message, /step that owns it/);
  });

  test('the step\'s own defaultVarList binding of _SMSTSRunCommandLineAsUser is not a write', () => {
    expectClean(configMgrSequence(runCommandLine()));
  });

  test('read-only-variable-write: an output variable', () => {
    expectOne(withOutput('_SMSTSLastActionRetCode'), 'read-only-variable-write', 'error', '_SMSTSLastActionRetCode');
  });

  test('read-only-variable-write: a Set Dynamic Variables rule, pointed at inside the escaped rules', () => {
    const xml = dynamicVariables(rule('_SMSTSModel', 'Surface'));
    expectOne(xml, 'read-only-variable-write', 'error', '_SMSTSModel');
    expectNone(dynamicVariables(rule('IsVM', 'True')), 'read-only-variable-write');
  });

  test('reserved-variable-name: other names starting with _', () => {
    expectOne(configMgrSequence(setVariable('_MyFlag', 'true')), 'reserved-variable-name', 'warning', '_MyFlag');
    expectNone(configMgrSequence(setVariable('MyFlag', 'true')), 'reserved-variable-name');
  });

  test('a dynamic rule name with a space', () => {
    const xml = dynamicVariables(rule('Is VM', 'True'));
    const problem = expectOne(xml, 'invalid-variable-name', 'error', 'Is VM');
    assert.equal(textAt(xml, problem.span), 'Is VM');
  });
});
