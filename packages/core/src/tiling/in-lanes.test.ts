import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inLanes } from '../index.js';

/** A promise and the functions that settle it. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

test('inLanes runs every item once, never more than `lanes` at once, started in order', async () => {
  const started: number[] = [];
  let running = 0;
  let most = 0;
  await inLanes([10, 11, 12, 13, 14, 15, 16], 3, async (item, index) => {
    assert.equal(item, 10 + index);
    started.push(index);
    most = Math.max(most, ++running);
    for (let i = 0; i < (index * 7) % 4; i++) await tick(); // uneven lengths
    running -= 1;
  });
  assert.deepEqual(started, [0, 1, 2, 3, 4, 5, 6]);
  assert.equal(most, 3);
});

test('inLanes: one lane runs the items one after another; no items, no work; lanes below 1 are one lane', async () => {
  const order: string[] = [];
  await inLanes(['a', 'b', 'c'], 0, async (item) => {
    order.push(`start ${item}`);
    await tick();
    order.push(`end ${item}`);
  });
  assert.deepEqual(order, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  let calls = 0;
  await inLanes([], 4, async () => void calls++);
  assert.equal(calls, 0);
});

test('inLanes: after a failure nothing new starts, the running items end, then the first failure is thrown', async () => {
  const slow = deferred();
  const started: number[] = [];
  let slowEnded = false;
  const run = inLanes([0, 1, 2, 3, 4], 2, async (index) => {
    started.push(index);
    if (index === 0) {
      await slow.promise;
      slowEnded = true;
      throw new Error('second failure, later');
    }
    if (index === 1) throw new Error('first failure');
  });
  let settled = false;
  void run.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 5; i++) await tick();
  assert.deepEqual(started, [0, 1], 'items 2 to 4 never start');
  assert.equal(settled, false, 'it waits for item 0, still running');
  slow.resolve();
  await assert.rejects(run, { message: 'first failure' });
  assert.equal(slowEnded, true);
});
