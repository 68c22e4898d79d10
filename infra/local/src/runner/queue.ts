/**
 * A first-come, first-served limit on concurrent runs: a 150-person room
 * pressing Run at once queues instead of starving the machine. Queued runs
 * still complete; a run aborted while waiting leaves the queue.
 */
export interface RunQueue {
  /** Runs `task` once a slot is free; rejects with the signal's reason if aborted while waiting. */
  schedule<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  readonly running: number;
  readonly waiting: number;
}

export function createRunQueue(limit: number): RunQueue {
  if (!Number.isInteger(limit) || limit < 1) throw new TypeError(`maxConcurrentRuns must be a positive integer, got ${String(limit)}`);
  let running = 0;
  const waiting: (() => void)[] = [];

  const release = (): void => {
    running -= 1;
    const next = waiting.shift();
    if (next) next();
  };

  const acquire = (signal: AbortSignal | undefined): Promise<void> => {
    signal?.throwIfAborted();
    if (running < limit) {
      running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const start = (): void => {
        signal?.removeEventListener('abort', onAbort);
        running += 1;
        resolve();
      };
      const onAbort = (): void => {
        const index = waiting.indexOf(start);
        if (index !== -1) waiting.splice(index, 1);
        reject(signal?.reason);
      };
      waiting.push(start);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  };

  return {
    async schedule(task, signal) {
      await acquire(signal);
      try {
        return await task();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
  };
}
