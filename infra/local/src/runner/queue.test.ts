import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { createRunQueue } from './queue.ts';

test('never runs more than the limit at once, and completes every task', async () => {
  const queue = createRunQueue(2);
  let active = 0;
  let peak = 0;
  const task = (i: number) => async () => {
    active += 1;
    peak = Math.max(peak, active);
    await sleep(10);
    active -= 1;
    return i;
  };
  const results = await Promise.all(Array.from({ length: 7 }, (_, i) => queue.schedule(task(i))));
  assert.deepEqual(results, [0, 1, 2, 3, 4, 5, 6]);
  assert.equal(peak, 2);
  assert.deepEqual([queue.running, queue.waiting], [0, 0]);
});

test('a task aborted while waiting leaves the queue; a failing task frees its slot', async () => {
  const queue = createRunQueue(1);
  const blocker = queue.schedule(() => sleep(30));
  const controller = new AbortController();
  const waiting = queue.schedule(() => Promise.resolve('ran'), controller.signal);
  assert.equal(queue.waiting, 1);
  controller.abort();
  await assert.rejects(waiting, { name: 'AbortError' });
  assert.equal(queue.waiting, 0);
  await blocker;
  await assert.rejects(queue.schedule(() => Promise.reject(new Error('boom'))), /boom/);
  assert.equal(await queue.schedule(() => Promise.resolve('next')), 'next');
});
