// What a parse leaves behind once nothing uses it. A server that parses on every keystroke makes a
// tree per version; if superseded trees outlive their young-generation collections, every such
// collection copies all of them and the old generation fills with them (the memory is only given
// back by a full collection, and meanwhile each keystroke pays for the copying).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { disablePretenuring } from '../../../server/src/idleCollector';
import { parseTaskSequence } from '../../../server/src/service/parser/parser';
import { generateTaskSequence } from '../../bench/generator';

// As the server runs (this file has a process of its own).
disablePretenuring();

/** V8's young-generation collection (Node 20 reads any argument to gc() as "minor"). */
function youngGenerationCollector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (options: { type: 'minor' }) => void;
  return () => gc({ type: 'minor' });
}

const collect = youngGenerationCollector();

function oldSpaceUsed(): number {
  const old = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space');
  return old ? old.space_used_size : 0;
}

/**
 * How much the old generation grows while `text` is parsed `times` times, each parse dropped at the
 * next: a parse still alive at two young-generation collections is promoted, a dropped one is not.
 */
function promotedByParses(text: string, times: number): number {
  let parsed = parseTaskSequence(text);
  collect();
  collect();
  const before = oldSpaceUsed();
  for (let i = 0; i < times; i++) {
    parsed = parseTaskSequence(text);
    collect();
  }
  assert.ok(parsed.roots.length > 0);
  return oldSpaceUsed() - before;
}

describe('robustness: memory', () => {
  const wellFormed = generateTaskSequence(50_000, { seed: 3 });
  const at = wellFormed.indexOf('</step>') + '</step>'.length;
  // Each of these makes the builder hand part of the document to sax.
  const broken = {
    'an unfinished start tag': `${wellFormed.slice(0, at)}\n<step ${wellFormed.slice(at)}`,
    'an element left open': `${wellFormed.slice(0, at)}\n<step>${wellFormed.slice(at)}`,
    'an unknown entity': `${wellFormed.slice(0, at)}&bad;${wellFormed.slice(at)}`,
  };
  const times = 40;
  // One parse's tree and model take some 6 bytes per character; all 40 kept would be 240 per character.
  const limit = 40 * wellFormed.length;

  test('a dropped parse of a well-formed document is not promoted', () => {
    const promoted = promotedByParses(wellFormed, times);
    assert.ok(promoted < limit, `old generation grew by ${promoted} bytes over ${times} parses`);
  });

  test('a dropped parse is not promoted after large documents were parsed', () => {
    // Large parses outlive young-generation collections: with pretenuring on, V8 then allocated
    // later models in the old generation, and they kept their dead trees alive (about 13 MB here).
    const large = generateTaskSequence(1_000_000, { seed: 4 });
    promotedByParses(large, 4);
    const promoted = promotedByParses(wellFormed, times);
    assert.ok(promoted < limit, `old generation grew by ${promoted} bytes over ${times} parses`);
  });

  for (const [name, text] of Object.entries(broken)) {
    test(`a dropped parse of a document with ${name} is not promoted`, () => {
      // Before the sax handlers were shared functions, these parses survived (4 to 11 MB here).
      const promoted = promotedByParses(text, times);
      assert.ok(promoted < limit, `old generation grew by ${promoted} bytes over ${times} parses`);
    });
  }
});
