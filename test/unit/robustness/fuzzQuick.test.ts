// The fuzzer's quick mode inside the unit tests: a few hundred reproducible inputs (mutated corpus
// files, random markup, random text and bytes) and the smaller hostile inputs, through parse, all
// checks and all features. `npm run fuzz` runs the full 100 000 and the server. FUZZ_SEED=n
// changes the seed (the default is fixed so that the tier is deterministic).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { seedDocuments, specialInputs } from '../../fuzz/inputs';
import { runInputs, runSpecial } from '../../fuzz/run';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const SEED = Number(process.env.FUZZ_SEED ?? 20_241_124);
const COUNT = 150;

describe('robustness: quick fuzz', () => {
  test(`${COUNT} inputs from seed ${SEED}: no exception, no malformed result, within the time bound, both tree builders agree`, () => {
    const report = runInputs({ seed: SEED, seeds: seedDocuments(repoRoot), indices: Array.from({ length: COUNT }, (_, i) => i), differentialEvery: 5 });
    assert.equal(report.inputs, COUNT);
    assert.deepEqual(
      report.findings.map((f) => `${f.problem} ${f.id} (${f.kind}): ${f.detail.split('\n')[0]}`),
      [],
      `reproduce with: npm run fuzz -- --seed ${SEED} --only <index>`,
    );
  });

  test('the smaller hostile inputs: no exception, within their bounds', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-fuzz-quick-'));
    try {
      const quick = new Set(['1 MB attribute value', '100 000 nested groups', 'billion laughs', 'external entity: file', 'NULs inside a sequence', 'invalid UTF-8 bytes, decoded', 'invalid UTF-16 (lone surrogates, odd length), decoded', 'DOCTYPE with internal entities']);
      const reports = specialInputs(path.join(dir, 'secret.txt'))
        .filter((s) => quick.has(s.name))
        .map(runSpecial);
      assert.equal(reports.length, quick.size);
      assert.deepEqual(
        reports.filter((r) => r.finding).map((r) => `${r.name}: ${r.finding?.detail.split('\n')[0]}`),
        [],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
