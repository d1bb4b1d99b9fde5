// Accuracy on the real corpus: every file was accepted by ConfigMgr or MDT, so the well-formed ones
// must get no error from any check, and every warning has been reviewed by hand (listed with the
// reason it is a real problem). Information and hint counts are pinned so that a change in them
// is a decision, not an accident.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runChecks } from '../../server/src/service/checks';
import { parseTaskSequence } from '../../server/src/service/parser/parser';
import { corpusFiles, NO_CORPUS } from '../support/corpus';

/** The two files that are not well-formed XML, and their one error. */
const MALFORMED: Readonly<Record<string, string>> = {
  'cmhub-selfhost-child-ts-entity-escaped.xml': 'entity-escaped-sequence@1',
  'windows-admins-build-capture-reference-leading-comments.xml': 'xml-declaration-not-first@4',
};

/** Reviewed warnings: file → `code@line`. */
const WARNINGS: Readonly<Record<string, readonly string[]>> = {
  // Format and Partition Disk stores the drive letter in a variable named "Local Disk": a name with
  // a space, which no %Local Disk% can read back.
  'folinics-mdt-w11-22h2-mui-ts.xml': ['invalid-variable-name@226', 'invalid-variable-name@275'],
  // BDD_ConfigureADDS keeps the DSRM password ("asdf") in the file; the sequence is on one line.
  'forevanyeung-extracted-sequence.xml': ['secret-in-clear-text@2'],
  'forevanyeung-object-xml-wrapped.xml': ['secret-in-clear-text@1518'],
  // Microsoft's MDT templates for ConfigMgr use packages their referenceList lacks (the wizard
  // rewrites the IDs, but the file as it stands is inconsistent), and three actions copy from
  // %OSDWinPEWinDir% while their CommandLine says %OSDStateStorePath%: the client runs the action.
  'mdt8443-sccm-client-smstaskseqpackage-wrapped.xml': ['missing-reference@1165'],
  'mdt8443-sccm-udireplace-smstaskseqpackage-wrapped.xml': [
    'missing-reference@48',
    'stale-action@135',
    'stale-action@144',
    'stale-action@153',
    'missing-reference@240',
    'missing-reference@286',
  ],
  // An <expression> directly under <step>, outside <condition>: MDT ignores it, so "Capture User
  // State" runs even for offline migrations, which the template meant to exclude.
  'mdt8456-template-vhdclient.xml': ['wrong-parent@62'],
  // A PSD template with schema version 3.07: MDT does not check it, a ConfigMgr client would.
  'psd-template-psdrnd-version307.xml': ['unknown-schema-version@2'],
};

/** Pinned information / hint counts (Equals casing, empty MDT conditions, disabled groups, deprecated properties…). */
const NOTES: Readonly<Record<string, readonly [information: number, hint: number]>> = {
  'brianfgonzalez-mdt-deployment-duration-ts.xml': [1, 8],
  'cmhub-firstparty-win10-upgrade-compat-checks.xml': [1, 0],
  'erikpt-mdt-example-002-subtasksequence-ts.xml': [1, 0],
  'folinics-mdt-w11-22h2-mui-ts.xml': [1, 0],
  'forevanyeung-extracted-sequence.xml': [1, 0],
  'forevanyeung-object-xml-wrapped.xml': [1, 0],
  'hydrationkit-ws2019-dc01-adds-dhcp-ts.xml': [0, 2],
  'hydrationkit-ws2022-cm01-ts.xml': [0, 3],
  'mdt8443-sccm-client-smstaskseqpackage-wrapped.xml': [4, 1],
  'mdt8443-template-captureonly.xml': [0, 1],
  'mdt8443-template-clientreplace.xml': [0, 2],
  'mdt8456-template-client.xml': [1, 0],
  'mdt8456-template-vhdclient.xml': [1, 0],
  'psd-template-psdclient.xml': [0, 2],
  'psd-template-psdrnd-version307.xml': [0, 1],
  'sbennell-mdt-tsr01-ts.xml': [1, 2],
  'windows-admins-mdt-build-and-capture-ts.xml': [0, 1],
  'windows-admins-win10-1607-object-zipmember.xml': [32, 0],
  'windows-admins-win10-master-deployment-object-zipmember.xml': [11, 4],
};

describe('diagnostics on the real corpus', () => {
  test('no error on a well-formed file, only reviewed warnings, pinned notes', (t) => {
    const files = corpusFiles();
    if (!files) {
      t.skip(NO_CORPUS);
      return;
    }
    for (const file of files) {
      const problems = runChecks(parseTaskSequence(file.text));
      const at = (offset: number): number => file.text.slice(0, offset).split('\n').length;
      const of = (severity: string): string[] => problems.filter((p) => p.severity === severity).map((p) => `${p.code}@${at(p.span.start)}`);
      assert.deepEqual(of('error'), MALFORMED[file.name] ? [MALFORMED[file.name]] : [], file.name);
      assert.deepEqual(of('warning'), WARNINGS[file.name] ?? [], file.name);
      assert.deepEqual([of('information').length, of('hint').length], NOTES[file.name] ?? [0, 0], file.name);
    }
  });
});
