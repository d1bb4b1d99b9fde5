import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { allProblems, configMgrSequence, problemsOf } from '../../support/checkHarness';
import { REPO_ROOT } from '../../support/corpus';
import { expectNone, expectOne, group, runCommandLine, variableExpression } from '../../support/checkFixtures';

const BAD = (name: string): string => runCommandLine({ name, condition: variableExpression('_SMSTSInWinPE', 'equal', 'true') });

describe('suppression comments', () => {
  test('tasksequence-disable-next-step with a code suppresses that code in the next step only', () => {
    const xml = configMgrSequence(`  <!-- tasksequence-disable-next-step invalid-condition-operator -->\n${BAD('First')}\n${BAD('Second')}`);
    const problems = problemsOf(xml, 'invalid-condition-operator');
    assert.equal(problems.length, 1);
    assert.ok(problems[0].span.start > xml.indexOf('name="Second"'));
  });

  test('other codes are not suppressed', () => {
    const xml = configMgrSequence(`  <!-- tasksequence-disable-next-step misspelled-variable, invalid-variable-name -->\n${BAD('First')}`);
    expectOne(xml, 'invalid-condition-operator', 'error', 'equal');
  });

  test('without codes every problem inside the element is suppressed', () => {
    const xml = configMgrSequence(`  <!--tasksequence-disable-next-step-->\n${BAD('First')}`);
    assert.deepEqual(allProblems(xml), []);
  });

  test('only right before the element: anything else in between cancels it', () => {
    const xml = configMgrSequence(`  <!-- tasksequence-disable-next-step -->\n${group('Empty', '')}\n${BAD('First')}`);
    expectOne(xml, 'invalid-condition-operator', 'error', 'equal');
    const stacked = configMgrSequence(`  <!-- tasksequence-disable-next-step invalid-condition-operator -->\n  <!-- a note -->\n${BAD('First')}`);
    expectNone(stacked, 'invalid-condition-operator');
  });

  test('before a group it covers every step inside', () => {
    const xml = configMgrSequence(`  <!-- tasksequence-disable-next-step invalid-condition-operator -->\n${group('G', `${BAD('First')}\n${BAD('Second')}`)}\n${BAD('Third')}`);
    const problems = problemsOf(xml, 'invalid-condition-operator');
    assert.equal(problems.length, 1);
    assert.ok(problems[0].span.start > xml.indexOf('name="Third"'));
  });

  test('tasksequence-disable applies to the whole file', () => {
    const xml = `<!-- tasksequence-disable invalid-condition-operator -->\n${configMgrSequence(`${BAD('First')}\n${BAD('Second')}`)}`;
    expectNone(xml, 'invalid-condition-operator');
    const other = `<!-- tasksequence-disable misspelled-variable -->\n${configMgrSequence(BAD('First'))}`;
    expectOne(other, 'invalid-condition-operator', 'error', 'equal');
    assert.deepEqual(allProblems(`<!-- tasksequence-disable -->\n${configMgrSequence(BAD('First'))}`), []);
  });

  test('comments inside the CDATA of an object.xml export work too', () => {
    const inner = configMgrSequence(`  <!-- tasksequence-disable-next-step invalid-condition-operator -->\n${BAD('First')}\n${BAD('Second')}`);
    const xml = `<INSTANCE CLASSNAME="SMS_TaskSequencePackage">\n  <PROPERTY NAME="Sequence" TYPE="string">\n    <VALUE><![CDATA[${inner}]]></VALUE>\n  </PROPERTY>\n</INSTANCE>\n`;
    const problems = problemsOf(xml, 'invalid-condition-operator');
    assert.equal(problems.length, 1);
    assert.ok(problems[0].span.start > xml.indexOf('name="Second"'));
  });
});

describe('severity overrides', () => {
  test('a code mapped to another severity is reported with it', () => {
    const xml = configMgrSequence(BAD('First'));
    expectOne(xml, 'invalid-condition-operator', 'warning', 'equal', { severity: { 'invalid-condition-operator': 'warning' } });
  });

  test('off removes the code, and nothing else', () => {
    const xml = configMgrSequence(`${BAD('First')}\n${runCommandLine({ name: 'Typo', condition: variableExpression('_SMSTSInWindowsPE', 'equals', 'true') })}`);
    const options = { severity: { 'invalid-condition-operator': 'off' as const } };
    expectNone(xml, 'invalid-condition-operator', options);
    expectOne(xml, 'misspelled-variable', 'warning', '_SMSTSInWindowsPE', options);
  });
});

describe('tasksequence-lint --severity / --config', () => {
  const CLI = path.join(REPO_ROOT, 'server', 'dist', 'cli.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tslint-severity-'));
  const file = path.join(dir, 'ts.xml');
  fs.writeFileSync(file, configMgrSequence(BAD('First')));
  const lint = (...args: string[]) => spawnSync(process.execPath, [CLI, '--format', 'json', ...args, file], { encoding: 'utf8' });
  const codes = (stdout: string): string[] =>
    (JSON.parse(stdout) as { files: { diagnostics: { code: string; severity: string }[] }[] }).files[0].diagnostics.map((d) => `${d.code}:${d.severity}`);

  test('the error fails the run without overrides', { skip: !fs.existsSync(CLI) && 'CLI not built' }, () => {
    const result = lint();
    assert.equal(result.status, 1);
    assert.ok(codes(result.stdout).includes('invalid-condition-operator:error'));
  });

  test('--severity CODE=warning downgrades it, and the run passes', { skip: !fs.existsSync(CLI) && 'CLI not built' }, () => {
    const result = lint('--severity', 'invalid-condition-operator=warning');
    assert.equal(result.status, 0, result.stderr);
    assert.ok(codes(result.stdout).includes('invalid-condition-operator:warning'));
  });

  test('--severity=CODE=off drops it', { skip: !fs.existsSync(CLI) && 'CLI not built' }, () => {
    const result = lint('--severity=invalid-condition-operator=off');
    assert.equal(result.status, 0, result.stderr);
    assert.ok(!codes(result.stdout).some((c) => c.startsWith('invalid-condition-operator')));
  });

  test('--config FILE reads {"severity": {...}}; --severity wins', { skip: !fs.existsSync(CLI) && 'CLI not built' }, () => {
    const config = path.join(dir, 'lint.json');
    fs.writeFileSync(config, JSON.stringify({ severity: { 'invalid-condition-operator': 'off' } }));
    assert.equal(lint('--config', config).status, 0);
    const result = lint('--config', config, '--severity', 'invalid-condition-operator=hint');
    assert.ok(codes(result.stdout).includes('invalid-condition-operator:hint'));
  });

  test('a bad level is a usage error (exit 2)', { skip: !fs.existsSync(CLI) && 'CLI not built' }, () => {
    const result = lint('--severity', 'invalid-condition-operator=loud');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--severity/);
  });
});
