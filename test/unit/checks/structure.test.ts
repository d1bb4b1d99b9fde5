import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configMgrSequence, spanOf } from '../../support/checkHarness';
import { expectClean, expectNone, expectOne, runCommandLine, variableExpression } from '../../support/checkFixtures';

describe('structure', () => {
  test('a console-shaped sequence is clean', () => {
    expectClean(configMgrSequence(runCommandLine({ condition: variableExpression('_SMSTSInWinPE', 'equals', 'false') })));
  });

  test('unknown-element: a name the format does not have, with did-you-mean', () => {
    const xml = configMgrSequence(runCommandLine().replace('<defaultVarList>', '<defaultVarLst>').replace('</defaultVarList>', '</defaultVarLst>'));
    const problem = expectOne(xml, 'unknown-element', 'warning', 'defaultVarLst');
    assert.deepEqual(problem.data?.replacements, ['defaultVarList']);
    assert.match(problem.message, /Did you mean <defaultVarList>\?/);
  });

  test('unknown-attribute: a misspelled attribute, with did-you-mean; xmlns attributes are fine', () => {
    const xml = configMgrSequence(runCommandLine({ attributes: ' continueOnEror="true"' }));
    const problem = expectOne(xml, 'unknown-attribute', 'warning', 'continueOnEror');
    assert.deepEqual(problem.data?.replacements, ['continueOnError']);
    expectNone(configMgrSequence(runCommandLine({ attributes: ' continueOnError="true"' })), 'unknown-attribute');
    expectNone(configMgrSequence(runCommandLine()).replace('<sequence ', '<sequence xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '), 'unknown-attribute');
  });

  test('wrong-parent: a step inside a step is an error', () => {
    const inner = runCommandLine({ name: 'Inner' });
    const xml = configMgrSequence(runCommandLine({ name: 'Outer' }).replace('  </step>', `${inner}\n  </step>`));
    const problem = expectOne(xml, 'wrong-parent', 'error', 'step');
    assert.equal(problem.span.start, spanOf(xml, '<step', 1).start + 1);
    assert.match(problem.message, /<step> cannot be inside <step>/);
  });

  test('wrong-parent: a condition part outside <condition> is ignored, which the message says', () => {
    const xml = configMgrSequence(runCommandLine().replace('    <action>', `${variableExpression('_SMSTSInWinPE', 'equals', 'false')}\n    <action>`));
    const problem = expectOne(xml, 'wrong-parent', 'warning', 'expression');
    assert.match(problem.message, /not inside its <condition>: it is ignored, so the step runs unconditionally/);
    expectNone(configMgrSequence(runCommandLine({ condition: variableExpression('_SMSTSInWinPE', 'equals', 'false') })), 'wrong-parent');
  });

  test('missing-attribute: a step without a name, with a fix inserting the attribute', () => {
    const xml = configMgrSequence(runCommandLine().replace(' name="Echo"', ''));
    const problem = expectOne(xml, 'missing-attribute', 'error', 'step');
    assert.equal(problem.data?.insertText, ' name=""');
    assert.equal(problem.data?.insertAt, spanOf(xml, '<step').start + '<step'.length);
  });
});
