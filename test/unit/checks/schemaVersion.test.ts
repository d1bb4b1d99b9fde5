import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configMgrSequence, mdtSequence, spanOf } from '../../support/checkHarness';
import { expectNone, expectOne, runCommandLine } from '../../support/checkFixtures';

describe('schema version', () => {
  test('missing-schema-version: <sequence> without version is an error, with a fix inserting one', () => {
    const xml = `<sequence>\n${runCommandLine()}\n</sequence>\n`;
    const problem = expectOne(xml, 'missing-schema-version', 'error', 'sequence');
    assert.equal(problem.data?.insertText, ' version="3.10"');
    assert.equal(problem.data?.insertAt, spanOf(xml, 'sequence').end);
    expectNone(configMgrSequence(runCommandLine()), 'missing-schema-version');
  });

  test('missing-schema-version: Lite Touch files get the version their templates write', () => {
    const xml = mdtSequence('').replace(' version="3.00"', '');
    const problem = expectOne(xml, 'missing-schema-version', 'error', 'sequence');
    assert.equal(problem.data?.insertText, ' version="3.00"');
  });

  test('missing-schema-version: an empty version', () => {
    const xml = configMgrSequence(runCommandLine(), '');
    const problem = expectOne(xml, 'missing-schema-version', 'error', 'version=""');
    assert.equal(problem.data?.insertText, '3.10');
    assert.equal(problem.data?.insertAt, spanOf(xml, 'version=""').start + 'version="'.length);
  });

  test('unknown-schema-version: a version ConfigMgr does not write is a warning naming the known ones', () => {
    const problem = expectOne(configMgrSequence(runCommandLine(), '3.07'), 'unknown-schema-version', 'warning', '3.07');
    assert.match(problem.message, /3\.00 or 3\.10/);
    assert.deepEqual(problem.data?.replacements, ['3.10', '3.00']);
    expectNone(configMgrSequence(runCommandLine(), '3.00'), 'unknown-schema-version');
    expectNone(configMgrSequence(runCommandLine(), '3.10'), 'unknown-schema-version');
  });

  test('unknown-schema-version: white space around a known version is fixed by trimming', () => {
    const problem = expectOne(configMgrSequence(runCommandLine(), ' 3.10'), 'unknown-schema-version', 'warning', ' 3.10');
    assert.deepEqual(problem.data?.replacements, ['3.10']);
  });
});
