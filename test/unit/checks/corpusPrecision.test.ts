// Precision of the condition, variable, ordering and disabled-step checks on the real corpus: every
// file was accepted by ConfigMgr or MDT, so none of these codes may give an error there, and every
// warning is one reviewed by hand (listed below with the reason it is a real problem).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runChecks } from '../../../server/src/service/checks';
import { parseTaskSequence } from '../../../server/src/service/parser/parser';
import { corpusFiles, NO_CORPUS } from '../../support/corpus';

/** The codes of checks/conditions, variables, variableFlow, ordering and disabledSteps. */
const CODES = new Set([
  'multiple-conditions',
  'empty-condition',
  'empty-operator',
  'invalid-operator-type',
  'not-multiple-operands',
  'os-condition-group-type',
  'empty-os-condition',
  'unknown-expression-type',
  'unknown-condition-property',
  'duplicate-condition-property',
  'missing-condition-property',
  'ignored-condition-value',
  'invalid-condition-operator',
  'nonexists-operator',
  'condition-casing',
  'invalid-condition-value',
  'condition-value-too-long',
  'invalid-guid',
  'registry-hive-abbreviation',
  'unknown-registry-hive',
  'wmi-namespace',
  'wmi-query-syntax',
  'invalid-variable-name',
  'array-variable-without-index',
  'read-only-variable-write',
  'reserved-variable-name',
  'misspelled-variable',
  'variable-not-set',
  'setup-windows-before-apply-os',
  'mdt-step-before-use-package',
  'state-store-order',
  'restart-before-os-applied',
  'disabled-child-task-sequence',
  'steps-in-disabled-group',
]);

/** Reviewed warnings: file → `code@line`. */
const EXPECTED_WARNINGS: Readonly<Record<string, readonly string[]>> = {
  // Format and Partition Disk stores the drive letter in a variable named "Local Disk": a name with
  // a space, which no %Local Disk% can read back.
  'folinics-mdt-w11-22h2-mui-ts.xml': ['invalid-variable-name@226', 'invalid-variable-name@275'],
};

describe('condition / variable / order checks on the real corpus', () => {
  test('no error, and only the reviewed warnings', (t) => {
    const files = corpusFiles();
    if (!files) {
      t.skip(NO_CORPUS);
      return;
    }
    for (const file of files) {
      const problems = runChecks(parseTaskSequence(file.text)).filter((p) => CODES.has(p.code));
      const line = (offset: number): number => file.text.slice(0, offset).split('\n').length;
      assert.deepEqual(
        problems.filter((p) => p.severity === 'error').map((p) => `${p.code}@${line(p.span.start)}: ${p.message}`),
        [],
        file.name,
      );
      assert.deepEqual(
        problems.filter((p) => p.severity === 'warning').map((p) => `${p.code}@${line(p.span.start)}`),
        EXPECTED_WARNINGS[file.name] ?? [],
        file.name,
      );
    }
  });
});
