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

test('node lets the server expose its collector, which frees what is no longer reachable', async () => {
  const collect = exposeGc();
  assert.ok(collect);
  const holder: { items?: object[] } = { items: Array.from({ length: 300_000 }, (_, i) => ({ i, text: `item ${i}` })) };
  // Collected as the idle collector does, from a timer: nothing on the stack still points to the items.
  await sleep(1);
  collect();
  const held = process.memoryUsage().heapUsed;
  assert.equal(holder.items?.length, 300_000);
  holder.items = undefined;
  await sleep(1);
  collect();
  const freed = held - process.memoryUsage().heapUsed;
  assert.ok(freed > 10 * 1048576, `freed ${Math.round(freed / 1048576)} MB`);
});
