import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configMgrSequence, mdtSequence, spanOf, textAt } from '../../support/checkHarness';
import { expectNone, expectOne, group, runCommandLine } from '../../support/checkFixtures';
import { anyStep, applyDriverPackage, sequenceWithReferences } from '../../support/stepFixtures';

const APP = 'ScopeId_1634F77F-E90E-49DB-A5EC-71489112DBBC/Application_f1353008-c105-477a-b761-80edf5842ef5';

const installApplication = (apps: string): string =>
  anyStep({
    type: 'SMS_TaskSequence_InstallApplicationAction',
    name: 'Install Applications',
    runIn: 'FullOS',
    action: `smsappinstall.exe /app:${apps} /basevar: /continueOnError:False`,
    variables: [`ApplicationName|ApplicationName|${apps}|hidden`, 'ContinueOnInstallError|ContinueOnInstallError|false|hidden', 'RetryCount|RetryCount|2|hidden'],
  });

describe('references', () => {
  test('missing-reference: a package a step uses is not in the referenceList; the fix adds it', () => {
    const xml = sequenceWithReferences('\n    <reference package="ABC00099"/>', applyDriverPackage('ABC00012'));
    const problem = expectOne(xml, 'missing-reference', 'warning', 'ABC00012');
    assert.equal(problem.data?.insertText, '\n    <reference package="ABC00012"/>');
    assert.equal(problem.data?.insertAt, spanOf(xml, '<reference package="ABC00099"/>').end);
    expectNone(sequenceWithReferences('\n    <reference package="ABC00012"/>', applyDriverPackage('ABC00012')), 'missing-reference');
  });

  test('missing-reference: an application of Install Application', () => {
    const xml = sequenceWithReferences('\n    <reference package="ABC00099"/>', installApplication(APP));
    const problem = expectOne(xml, 'missing-reference', 'warning', APP);
    assert.equal(problem.data?.insertText, `\n    <reference application="${APP}"/>`);
    expectNone(sequenceWithReferences(`\n    <reference application="${APP}"/>`, installApplication(APP)), 'missing-reference');
  });

  test('missing-reference: exports leave out what only disabled steps use', () => {
    const xml = sequenceWithReferences('\n    <reference package="ABC00099"/>', group('Drivers', applyDriverPackage('ABC00012'), ' disable="true"'));
    expectNone(xml, 'missing-reference');
  });

  test('missing-reference: a file without a referenceList is not judged (the console rebuilds it)', () => {
    expectNone(configMgrSequence(applyDriverPackage('ABC00012')), 'missing-reference');
  });

  test('unused-reference: a reference no step uses is information, with a fix removing it', () => {
    const xml = sequenceWithReferences('\n    <reference package="ABC00012"/>\n    <reference package="ABC00099"/>', applyDriverPackage('ABC00012'));
    const problem = expectOne(xml, 'unused-reference', 'information', 'ABC00099');
    assert.equal(textAt(xml, problem.data!.deleteSpan!), '<reference package="ABC00099"/>');
    expectNone(sequenceWithReferences('\n    <reference package="ABC00012"/>', applyDriverPackage('ABC00012')), 'unused-reference');
  });

  test('unused-reference: a package named anywhere in a step counts as used (disabled steps, command lines)', () => {
    const run = runCommandLine({ command: 'cmd.exe /c echo ABC00099' }).replace('<step ', '<step disable="true" ');
    expectNone(sequenceWithReferences('\n    <reference package="ABC00099"/>', run), 'unused-reference');
  });

  test('duplicate-reference: the same package listed twice', () => {
    const xml = sequenceWithReferences('\n    <reference package="ABC00012"/>\n    <reference package="ABC00012"/>', applyDriverPackage('ABC00012'));
    const problem = expectOne(xml, 'duplicate-reference', 'information', 'ABC00012');
    assert.equal(problem.span.start, spanOf(xml, 'ABC00012', 1).start);
  });

  test('invalid-package-id: a package ID of the wrong shape, in a step and in a reference', () => {
    const problem = expectOne(sequenceWithReferences('\n    <reference package="ABC00012"/>', applyDriverPackage('abc00012', 'ABC00012')), 'invalid-package-id', 'warning', 'abc00012');
    assert.deepEqual(problem.data?.replacements, ['ABC00012']);
    expectOne(sequenceWithReferences('\n    <reference package="ABC0012"/>', runCommandLine()), 'invalid-package-id', 'warning', 'ABC0012');
    expectNone(sequenceWithReferences('\n    <reference package="ABC00012"/>', applyDriverPackage('ABC00012')), 'invalid-package-id');
  });

  test('invalid-package-id: Lite Touch files without references are not judged', () => {
    const mdtRun = anyStep({ type: 'SMS_TaskSequence_RunCommandLineAction', name: 'Echo', action: 'cmd.exe /c echo hi', attributes: ' startIn=""', variables: ['PackageID|PackageID|TOOLKIT'] });
    expectNone(mdtSequence(mdtRun), 'invalid-package-id');
  });

  test('invalid-application-id: an application reference that is not a model name', () => {
    expectOne(sequenceWithReferences('\n    <reference application="Application_f1353008"/>', runCommandLine()), 'invalid-application-id', 'warning', 'Application_f1353008');
    expectNone(sequenceWithReferences(`\n    <reference application="${APP}"/>`, installApplication(APP)), 'invalid-application-id');
  });
});
