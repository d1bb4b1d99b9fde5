import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configMgrSequence, mdtSequence, textAt } from '../../support/checkHarness';
import { expectNone, expectOne, group, runCommandLine } from '../../support/checkFixtures';

describe('step and group attributes', () => {
  test('step-name-length: over 100 characters is an error in ConfigMgr', () => {
    const name = 'N'.repeat(101);
    expectOne(configMgrSequence(runCommandLine({ name })), 'step-name-length', 'error', name);
    expectNone(configMgrSequence(runCommandLine({ name: 'N'.repeat(50) })), 'step-name-length');
  });

  test('step-name-length: over 50 characters is a hint (the editor limit)', () => {
    const name = 'N'.repeat(51);
    const problem = expectOne(configMgrSequence(runCommandLine({ name })), 'step-name-length', 'hint', name);
    assert.match(problem.message, /50/);
  });

  test('step-name-length: an empty group name is an error', () => {
    const xml = configMgrSequence(group('', runCommandLine()));
    expectOne(xml, 'step-name-length', 'error', 'name=""');
    expectNone(configMgrSequence(group('Install', runCommandLine())), 'step-name-length');
  });

  test('step-name-length: Lite Touch does not load sequences into WMI, so its names have no limit', () => {
    expectNone(mdtSequence(runCommandLine({ name: 'N'.repeat(120) })), 'step-name-length');
  });

  test('description-too-long: over 255 characters is an error in ConfigMgr', () => {
    const long = 'd'.repeat(256);
    expectOne(configMgrSequence(runCommandLine().replace('description=""', `description="${long}"`)), 'description-too-long', 'error', long);
    expectNone(configMgrSequence(runCommandLine().replace('description=""', `description="${'d'.repeat(255)}"`)), 'description-too-long');
    expectNone(mdtSequence(runCommandLine().replace('description=""', `description="${long}"`)), 'description-too-long');
  });

  test('invalid-boolean: continueOnError="True" is a warning with the lower-case fix', () => {
    const problem = expectOne(configMgrSequence(runCommandLine({ attributes: ' continueOnError="True"' })), 'invalid-boolean', 'warning', 'True');
    assert.deepEqual(problem.data?.replacements, ['true']);
    expectNone(configMgrSequence(runCommandLine({ attributes: ' continueOnError="true"' })), 'invalid-boolean');
  });

  test('invalid-boolean: disable="yes" offers true', () => {
    const problem = expectOne(configMgrSequence(runCommandLine({ attributes: ' disable="yes"' })), 'invalid-boolean', 'warning', 'yes');
    assert.deepEqual(problem.data?.replacements, ['true']);
  });

  test('invalid-attribute-value: retryCount must be a whole number', () => {
    expectOne(configMgrSequence(runCommandLine().replace('retryCount="0"', 'retryCount="two"')), 'invalid-attribute-value', 'warning', 'two');
    expectNone(configMgrSequence(runCommandLine().replace('retryCount="0"', 'retryCount="2"')), 'invalid-attribute-value');
  });

  test('invalid-success-codes: commas instead of spaces, fixed by rewriting the list', () => {
    const xml = configMgrSequence(runCommandLine().replace('successCodeList="0 3010"', 'successCodeList="0,3010"'));
    const problem = expectOne(xml, 'invalid-success-codes', 'warning', '0,3010');
    assert.deepEqual(problem.data?.replacements, ['0 3010']);
    expectNone(configMgrSequence(runCommandLine()), 'invalid-success-codes');
  });

  test('success-codes-mismatch: successCodeList edited by hand is reported on the list, related to the variable', () => {
    const xml = configMgrSequence(runCommandLine().replace('successCodeList="0 3010"', 'successCodeList="0 3010 1641"'));
    const problem = expectOne(xml, 'success-codes-mismatch', 'warning', '0 3010 1641');
    assert.equal(textAt(xml, problem.related![0].span), '0 3010');
    assert.deepEqual(problem.data?.replacements, ['0 3010']);
  });

  test('success-codes-mismatch: the SuccessCodes variable edited by hand is reported on the variable', () => {
    const xml = configMgrSequence(runCommandLine().replace('hidden="true">0 3010<', 'hidden="true">0 1641<'));
    const problem = expectOne(xml, 'success-codes-mismatch', 'warning', '0 1641');
    assert.deepEqual(problem.data?.replacements, ['0 3010']);
  });

  test('success-codes-mismatch: the same codes in another order or spacing agree', () => {
    expectNone(configMgrSequence(runCommandLine().replace('hidden="true">0 3010<', 'hidden="true">3010  0<')), 'success-codes-mismatch');
  });
});
