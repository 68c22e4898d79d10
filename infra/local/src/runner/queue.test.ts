import assert from 'node:assert/strict';
import { setImmediate as turn } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { createRunQueue, RunAlreadyRunningError, RunQueueFullError, RunReplacedError, type RunQueue } from './queue.ts';

/** Tasks that start when the queue says and finish when the test says: ordering by counts, never by time. */
function harness(queue: RunQueue) {
  const started: string[] = [];
  const finishers = new Map<string, (value: string) => void>();
  const failers = new Map<string, (error: Error) => void>();
  const task = (label: string) => () =>
    new Promise<string>((resolve, reject) => {
      started.push(label);
      finishers.set(label, resolve);
      failers.set(label, reject);
    });
  /** Runs `label` for `attendee`; the returned promise is observed so replaced/refused runs never go unhandled. */
  const run = (attendee: string, label: string, ahead?: number[], signal?: AbortSignal) => {
    const promise = queue.schedule(attendee, task(label), { signal, onQueued: ahead && ((n) => ahead.push(n)) });
    promise.catch(() => undefined);
    return promise;
  };
  const finish = async (label: string): Promise<void> => {
    const resolve = finishers.get(label);
    assert.ok(resolve, `${label} has not started`);
    resolve(label);
    await turn();
  };
  const fail = async (label: string, error: Error): Promise<void> => {
    failers.get(label)?.(error);
    await turn();
  };
  return { started, run, finish, fail };
}

describe('fair run queue', () => {
  test('never runs more than concurrency at once, and completes every run', async () => {
    const queue = createRunQueue({ concurrency: 2, maxQueued: 10 });
    const { started, run, finish } = harness(queue);
    const runs = ['a', 'b', 'c', 'd', 'e'].map((id) => run(id, id));
    assert.deepEqual([queue.running, queue.waiting, started], [2, 3, ['a', 'b']]);
    for (const label of ['a', 'b', 'c', 'd', 'e']) {
      assert.ok(queue.running <= 2);
      await finish(label);
    }
    assert.deepEqual(await Promise.all(runs), ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual([queue.running, queue.waiting], [0, 0]);
  });

  test('one attendee flooding Run: another attendee starts after at most `concurrency` runs', async () => {
    const queue = createRunQueue({ concurrency: 2, maxQueued: 10 });
    const { started, run, finish } = harness(queue);
    void run('x', 'x1');
    void run('y', 'y1');
    const flood = Array.from({ length: 20 }, (_, i) => run('flooder', `f${i + 1}`));
    void run('b', 'b1');
    assert.equal(queue.waiting, 2, 'the flood holds one place in line, not twenty');
    await finish('x1');
    await finish('y1');
    const startsBeforeB = started.slice(2, started.indexOf('b1'));
    assert.ok(startsBeforeB.length <= 2, `b waited for ${startsBeforeB.join(', ')}`);
    assert.deepEqual(startsBeforeB, ['f20'], "the flooder's newest code is what ran");
    await Promise.all(flood.slice(0, 19).map((p) => assert.rejects(p, RunReplacedError)));
  });

  test('an attendee who presses Run again as soon as theirs ends goes to the back: round-robin', async () => {
    const queue = createRunQueue({ concurrency: 1, maxQueued: 10 });
    const { started, run, finish } = harness(queue);
    void run('a', 'a1');
    void run('b', 'b1');
    void run('c', 'c1');
    await finish('a1');
    void run('a', 'a2');
    await finish('b1');
    void run('b', 'b2');
    await finish('c1');
    await finish('a2');
    assert.deepEqual(started, ['a1', 'b1', 'c1', 'a2', 'b2']);
  });

  test('a new Run while one is queued replaces it in the same place in line', async () => {
    const queue = createRunQueue({ concurrency: 1, maxQueued: 10 });
    const { started, run, finish } = harness(queue);
    void run('x', 'x1');
    const first = run('a', 'a1');
    const bAhead: number[] = [];
    void run('b', 'b1', bAhead);
    const secondAhead: number[] = [];
    const second = run('a', 'a2', secondAhead);
    await assert.rejects(first, (error) => error instanceof RunReplacedError && /replaced by your newer Run/.test(error.message));
    assert.deepEqual([queue.waiting, secondAhead, bAhead], [2, [0], [1]]);
    await finish('x1');
    await finish('a2');
    assert.equal(await second, 'a2');
    assert.deepEqual(started, ['x1', 'a2', 'b1'], 'a1 never ran');
  });

  test('a new Run while one is running is refused, and accepted once it ends', async () => {
    const queue = createRunQueue({ concurrency: 4, maxQueued: 10 });
    const { started, run, finish } = harness(queue);
    const first = run('a', 'a1');
    await assert.rejects(
      run('a', 'a2'),
      (error) => error instanceof RunAlreadyRunningError && /still running; wait for it .* or stop it/.test(error.message),
    );
    assert.deepEqual([queue.running, queue.waiting], [1, 0]);
    await finish('a1');
    assert.equal(await first, 'a1');
    void run('a', 'a3');
    assert.deepEqual(started, ['a1', 'a3']);
  });

  test('a full queue refuses with a readable message and a retry time that follows run lengths', async () => {
    let clock = 0;
    const queue = createRunQueue({ concurrency: 1, maxQueued: 2, now: () => clock });
    const { run, finish } = harness(queue);
    void run('x', 'x1');
    void run('a', 'a1');
    void run('b', 'b1');
    const full = (error: unknown) =>
      error instanceof RunQueueFullError &&
      Number.isInteger(error.retryAfterSeconds) &&
      (error.retryAfterSeconds ?? 0) >= 1 &&
      /busy: 2 Runs are already waiting for its only slot\. Try again in about \d+ s\./.test(error.message);
    await assert.rejects(run('c', 'c1'), full);
    const before = await run('c', 'c1').catch((error: unknown) => (error as RunQueueFullError).retryAfterSeconds);
    void run('a', 'a2'); // replacing does not grow the queue, so it is still allowed
    assert.equal(queue.waiting, 2);
    clock += 60_000; // x1 took a minute: the estimate should grow
    await finish('x1');
    void run('d', 'd1');
    const after = await run('e', 'e1').catch((error: unknown) => (error as RunQueueFullError).retryAfterSeconds);
    assert.ok(
      typeof before === 'number' && typeof after === 'number' && after > before,
      `retry after ${String(before)} s, then ${String(after)} s`,
    );
  });

  test('abort while queued removes the run, rejects with the reason, and moves the others up', async () => {
    const queue = createRunQueue({ concurrency: 1, maxQueued: 10 });
    const { started, run, finish } = harness(queue);
    void run('x', 'x1');
    const aAhead: number[] = [];
    const cAhead: number[] = [];
    void run('a', 'a1', aAhead);
    const controller = new AbortController();
    const b = run('b', 'b1', undefined, controller.signal);
    void run('c', 'c1', cAhead);
    const reason = new Error('stopped by attendee');
    controller.abort(reason);
    await assert.rejects(b, (error) => error === reason);
    assert.deepEqual([queue.waiting, aAhead, cAhead], [2, [0], [2, 1]]);
    await assert.rejects(run('d', 'd1', undefined, AbortSignal.abort(reason)), (error) => error === reason);
    await finish('x1');
    await finish('a1');
    assert.deepEqual(started, ['x1', 'a1', 'c1'], 'b1 never ran');
  });

  test('ahead counts fall to 0 as runs ahead start; a run that starts at once is never told', async () => {
    const queue = createRunQueue({ concurrency: 1, maxQueued: 10 });
    const { run, finish } = harness(queue);
    const xAhead: number[] = [];
    const cAhead: number[] = [];
    void run('x', 'x1', xAhead);
    void run('a', 'a1');
    void run('b', 'b1');
    void run('c', 'c1', cAhead);
    await finish('x1');
    await finish('a1');
    assert.deepEqual(cAhead, [2, 1, 0]);
    await finish('b1');
    assert.deepEqual([xAhead, cAhead, queue.running, queue.waiting], [[], [2, 1, 0], 1, 0]);
  });

  test('a task that throws (asynchronously or at once) releases its slot to the next in line', async () => {
    const queue = createRunQueue({ concurrency: 1, maxQueued: 10 });
    const { started, run, fail } = harness(queue);
    const a = run('a', 'a1');
    void run('b', 'b1');
    await fail('a1', new Error('boom'));
    await assert.rejects(a, /boom/);
    assert.deepEqual([started, queue.running, queue.waiting], [['a1', 'b1'], 1, 0]);
    const throwsAtOnce = (): Promise<never> => {
      throw new Error('sync boom');
    };
    const empty = createRunQueue({ concurrency: 1, maxQueued: 1 });
    await assert.rejects(empty.schedule('a', throwsAtOnce), /sync boom/);
    assert.equal(empty.running, 0);
    assert.equal(await empty.schedule('a', () => Promise.resolve('next')), 'next');
  });

  test('an onQueued that throws does not stall the queue', async () => {
    const queue = createRunQueue({ concurrency: 1, maxQueued: 10 });
    const { started, run, finish } = harness(queue);
    void run('x', 'x1');
    const quiet = console.error;
    console.error = () => undefined;
    try {
      void queue.schedule('a', () => Promise.resolve('a'), {
        onQueued: () => {
          throw new Error('broken progress callback');
        },
      });
      void run('b', 'b1');
      await finish('x1');
      await turn();
      assert.deepEqual([started, queue.running], [['x1', 'b1'], 1]);
    } finally {
      console.error = quiet;
    }
  });

  test('options are validated', () => {
    assert.throws(() => createRunQueue({ concurrency: 0, maxQueued: 1 }), /concurrency must be a positive integer/);
    assert.throws(() => createRunQueue({ concurrency: 1, maxQueued: -1 }), /maxQueued must be a non-negative integer/);
  });
});
