// The real corpus: every file was accepted by ConfigMgr or MDT, so the step check families must
// give none of them an error, and every warning they give has been reviewed (listed here).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkActionCommandLine } from '../../../server/src/service/checks/actionCommandLine';
import { checkReferences } from '../../../server/src/service/checks/references';
import { checkRunEnvironment } from '../../../server/src/service/checks/runEnvironment';
import { checkSchemaVersion } from '../../../server/src/service/checks/schemaVersion';
import { checkSecrets } from '../../../server/src/service/checks/secrets';
import { checkStepAttributes } from '../../../server/src/service/checks/stepAttributes';
import { checkStepProperties } from '../../../server/src/service/checks/stepProperties';
import { checkStepTypes } from '../../../server/src/service/checks/stepTypes';
import type { Problem } from '../../../server/src/service/model';
import { parseTaskSequence } from '../../../server/src/service/parser/parser';
import { corpusFiles, NO_CORPUS } from '../../support/corpus';

const FAMILIES = [checkSchemaVersion, checkStepTypes, checkStepAttributes, checkStepProperties, checkRunEnvironment, checkActionCommandLine, checkReferences, checkSecrets];

/** The reviewed warnings, as `code «text»`; each is a real problem of that file. */
const REVIEWED_WARNINGS: Readonly<Record<string, readonly string[]>> = {
  // BDD_ConfigureADDS keeps the DSRM password in the file.
  'forevanyeung-extracted-sequence.xml': ['secret-in-clear-text «asdf»'],
  'forevanyeung-object-xml-wrapped.xml': ['secret-in-clear-text «asdf»'],
  // Microsoft's MDT templates for ConfigMgr carry placeholder package IDs the wizard rewrites; as
  // files, they use packages their referenceList lacks, and three actions copy from another folder
  // than their CommandLine says.
  'mdt8443-sccm-client-smstaskseqpackage-wrapped.xml': ['missing-reference «CEN00005»'],
  'mdt8443-sccm-udireplace-smstaskseqpackage-wrapped.xml': [
    'missing-reference «CAS00007»',
    'stale-action «cmd.exe /c copy %OSDWinPEWinDir%\\temp\\AppDiscoveryresult.xml.app  %temp%\\AppDiscoveryresult.xml.app»',
    'stale-action «cmd.exe /c copy %OSDWinPEWinDir%\\temp\\PrinterList.xml  %temp%\\PrinterList.xml»',
    'stale-action «cmd.exe /c copy %OSDWinPEWinDir%\\temp\\ProductsInstalled.txt %temp%\\ProductsInstalled.txt»',
    'missing-reference «CAS00058»',
    'missing-reference «CEN00007»',
  ],
  // A PSD template with an unusual schema version (MDT does not check it; ConfigMgr would).
  'psd-template-psdrnd-version307.xml': ['unknown-schema-version «3.07»'],
};

describe('step checks on the real corpus', () => {
  const files = corpusFiles();

  test('no error, and only the reviewed warnings', (t) => {
    if (!files) {
      t.skip(NO_CORPUS);
      return;
    }
    for (const file of files) {
      const document = parseTaskSequence(file.text);
      if (document.problems.some((p) => p.severity === 'error')) {
        continue;
      }
      const problems: Problem[] = FAMILIES.flatMap((check) => check({ document }));
      const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.code}: ${p.message}`);
      assert.deepEqual(errors, [], file.name);
      const warnings = problems.filter((p) => p.severity === 'warning').map((p) => `${p.code} «${file.text.slice(p.span.start, p.span.end)}»`);
      assert.deepEqual(warnings.sort(), [...(REVIEWED_WARNINGS[file.name] ?? [])].sort(), file.name);
    }
  });
});
