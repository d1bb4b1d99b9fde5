import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createIdleCollector, exposeGc } from '../../server/src/idleCollector';

describe('idle collector', () => {
  test('collects once the server is quiet after enough text was parsed', async () => {
    let collections = 0;
    const collector = createIdleCollector({ minCharacters: 100, idleMs: 30 }, () => collections++);
    collector.noteParsed(60);
    await sleep(60);
    assert.equal(collections, 0, 'below the threshold: no collection');
    collector.noteParsed(60);
    await sleep(80);
    assert.equal(collections, 1);
    await sleep(60);
    assert.equal(collections, 1, 'one collection, then the count starts again');
  });

  test('activity postpones a pending collection', async () => {
    let collections = 0;
    const collector = createIdleCollector({ minCharacters: 10, idleMs: 50 }, () => collections++);
    collector.noteParsed(20);
    for (let i = 0; i < 4; i++) {
      await sleep(25);
      collector.noteActivity();
    }
    assert.equal(collections, 0, 'still busy');
    await sleep(100);
    assert.equal(collections, 1);
  });

  test('without a collector (a runtime that refuses --expose-gc) it does nothing', async () => {
    const collector = createIdleCollector({ minCharacters: 1, idleMs: 1 }, undefined);
    collector.noteParsed(10);
    collector.noteActivity();
    await sleep(10);
  });
});

test('node lets the server expose its collector', () => {
  assert.equal(typeof exposeGc(), 'function');
});
