/**
 * The run queue, shared fairly by a workshop room. First-come first-served let
 * one attendee firing 20 Runs keep five others waiting 10 s, and 12 infinite
 * loops from one attendee keep three others waiting 31 s.
 *
 * Policy: at most one Run per attendee, queued or running.
 * - A new Run while yours is *queued* replaces it, in the same place in line:
 *   people press Run again after editing, and the newest code is what they
 *   want to see; losing their place for it would punish the edit. The older
 *   Run rejects with RunReplacedError.
 * - A new Run while yours is *running* is refused (RunAlreadyRunningError):
 *   queueing it would let one attendee hold a slot and a place in line at
 *   once, and cutting the running one short is the attendee's call (Stop),
 *   not ours.
 * So one attendee's flood costs everyone else at most one Run's wait, and the
 * queue is never longer than the room. Past `maxQueued` (a room bigger than
 * planned) schedule() refuses with a time to retry instead of queueing.
 *
 * Order is round-robin across attendees: each has their own line, and after
 * one of theirs starts they go to the back of the turn order. With one Run
 * per attendee that is plain FIFO, but it stays fair if the cap is raised.
 */

import { RunRefusedError } from '@keyless/labs/sandbox';

export interface RunQueueOptions {
  /** Runs at once across all attendees. */
  readonly concurrency: number;
  /** Queued (not yet running) runs across all attendees; past it schedule() rejects with RunQueueFullError. */
  readonly maxQueued: number;
  /** Milliseconds clock for the run-length estimate behind `retryAfterSeconds`; tests pass a fake. */
  readonly now?: () => number;
}

export interface ScheduleOptions {
  /** Aborting while queued removes the run and rejects with `signal.reason`. The task itself handles abort once running. */
  readonly signal?: AbortSignal;
  /** Called when the run is queued and whenever the number of runs ahead of it changes (0 = next). Not called if it starts at once. */
  readonly onQueued?: (ahead: number) => void;
}

export interface RunQueue {
  /** Runs `task` for `attendeeId` when fair; see the policy above for what a second Run does. */
  schedule<T>(attendeeId: string, task: () => Promise<T>, options?: ScheduleOptions): Promise<T>;
  readonly running: number;
  readonly waiting: number;
}

/** The room is over capacity: come back later. The site answers 429 with Retry-After. */
export class RunQueueFullError extends RunRefusedError {
  constructor(waiting: number, concurrency: number, retryAfterSeconds: number) {
    const runs = waiting === 1 ? '1 Run is' : `${waiting} Runs are`;
    const slots = concurrency === 1 ? 'its only slot' : `its ${concurrency} slots`;
    super(
      `The runner is busy: ${runs} already waiting for ${slots}. Try again in about ${retryAfterSeconds} s.`,
      'busy',
      retryAfterSeconds,
    );
    this.name = 'RunQueueFullError';
  }
}

/** The queued Run was superseded by the same attendee's newer one, which took its place in line. */
export class RunReplacedError extends Error {
  constructor() {
    super('This Run was replaced by your newer Run, which keeps its place in the queue.');
    this.name = 'RunReplacedError';
  }
}

/** The attendee already has a Run executing. The site answers 409. */
export class RunAlreadyRunningError extends RunRefusedError {
  constructor() {
    super('Your previous Run is still running; wait for it to finish or stop it, then press Run again.', 'already-running', undefined);
    this.name = 'RunAlreadyRunningError';
  }
}

const MAX_QUEUED_PER_ATTENDEE = 1;
const MAX_RUNNING_PER_ATTENDEE = 1;
// Lab runs are a few HTTP calls (the runner's timeout is 10 s); the estimate
// follows what runs really take, weighting the latest by EMA_WEIGHT.
const INITIAL_RUN_MS = 3_000;
const EMA_WEIGHT = 0.2;

interface Entry {
  readonly attendeeId: string;
  readonly start: () => void;
  readonly reject: (reason: unknown) => void;
  readonly options: ScheduleOptions;
  readonly onAbort: () => void;
  /** The last `ahead` told to onQueued; undefined until first told. */
  told?: number;
}

export function createRunQueue({ concurrency, maxQueued, now = () => performance.now() }: RunQueueOptions): RunQueue {
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new TypeError(`concurrency must be a positive integer, got ${String(concurrency)}`);
  if (!Number.isInteger(maxQueued) || maxQueued < 0)
    throw new TypeError(`maxQueued must be a non-negative integer, got ${String(maxQueued)}`);
  let running = 0;
  let waiting = 0;
  let averageRunMs = INITIAL_RUN_MS;
  const runningBy = new Map<string, number>();
  const lines = new Map<string, Entry[]>(); // each attendee's queued runs, oldest first
  const turns: string[] = []; // attendees with queued runs, next to be served first

  /** Queued runs in the order they will start: round k takes each attendee's k-th run, in turn order. */
  const order = (): Entry[] => {
    const result: Entry[] = [];
    for (let round = 0, added = true; added; round += 1) {
      added = false;
      for (const id of turns) {
        const entry = lines.get(id)?.[round];
        if (entry) added = result.push(entry) > 0;
      }
    }
    return result;
  };

  // Callbacks run after the state is consistent; one that schedules or aborts
  // re-enters, so the loop starts over on the new order instead of telling stale counts.
  let notifying = false;
  let dirty = false;
  const notify = (): void => {
    dirty = true;
    if (notifying) return;
    notifying = true;
    try {
      while (dirty) {
        dirty = false;
        for (const [ahead, entry] of order().entries()) {
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set again by a callback that re-entered notify() on the previous turn
          if (dirty) break;
          if (entry.told === ahead || !entry.options.onQueued) continue;
          entry.told = ahead;
          try {
            entry.options.onQueued(ahead);
          } catch (error) {
            // A broken progress callback must not stall the room's queue.
            console.error('run queue: onQueued threw', error);
          }
        }
      }
    } finally {
      notifying = false;
    }
  };

  const removeQueued = (entry: Entry): void => {
    const line = lines.get(entry.attendeeId) ?? [];
    line.splice(line.indexOf(entry), 1);
    if (line.length === 0) {
      lines.delete(entry.attendeeId);
      turns.splice(turns.indexOf(entry.attendeeId), 1);
    }
    waiting -= 1;
    entry.options.signal?.removeEventListener('abort', entry.onAbort);
  };

  const pump = (): void => {
    while (running < concurrency && turns.length > 0) {
      const id = turns.shift() as string;
      const line = lines.get(id) as Entry[];
      const entry = line.shift() as Entry;
      if (line.length > 0) turns.push(id);
      else lines.delete(id);
      waiting -= 1;
      entry.options.signal?.removeEventListener('abort', entry.onAbort);
      entry.start();
    }
    notify();
  };

  const begin = <T>(attendeeId: string, task: () => Promise<T>, resolve: (value: T) => void, reject: (reason: unknown) => void): void => {
    running += 1;
    runningBy.set(attendeeId, (runningBy.get(attendeeId) ?? 0) + 1);
    const startedAt = now();
    // Free the slot before settling, so a caller reacting to the result can Run again at once.
    const release = (): void => {
      running -= 1;
      const left = (runningBy.get(attendeeId) ?? 1) - 1;
      if (left === 0) runningBy.delete(attendeeId);
      else runningBy.set(attendeeId, left);
      averageRunMs += EMA_WEIGHT * (now() - startedAt - averageRunMs);
      pump();
    };
    let result: Promise<T>;
    try {
      result = Promise.resolve(task());
    } catch (error) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on whatever the task threw, as its own rejection would
      result = Promise.reject(error);
    }
    result.then(
      (value) => {
        release();
        resolve(value);
      },
      (error: unknown) => {
        release();
        reject(error);
      },
    );
  };

  /** Seconds until a run at the back of a full queue would have started: its place in line over the drain rate. */
  const retryAfterSeconds = (): number => Math.max(1, Math.ceil((Math.ceil((waiting + 1) / concurrency) * averageRunMs) / 1000));

  return {
    schedule<T>(attendeeId: string, task: () => Promise<T>, scheduleOptions: ScheduleOptions = {}): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const { signal } = scheduleOptions;
        if (signal?.aborted) {
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the caller's abort reason, passed on as fetch() and friends do
          reject(signal.reason);
          return;
        }
        if ((runningBy.get(attendeeId) ?? 0) >= MAX_RUNNING_PER_ATTENDEE) {
          reject(new RunAlreadyRunningError());
          return;
        }
        if (running < concurrency && waiting === 0) {
          begin(attendeeId, task, resolve, reject);
          return;
        }

        const entry: Entry = {
          attendeeId,
          options: scheduleOptions,
          reject,
          start: () => begin(attendeeId, task, resolve, reject),
          onAbort: () => {
            removeQueued(entry);
            // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the caller's abort reason, passed on as fetch() and friends do
            reject(signal?.reason);
            notify();
          },
        };
        const line = lines.get(attendeeId);
        if (line && line.length >= MAX_QUEUED_PER_ATTENDEE) {
          // Replace their newest queued run where it stands.
          const replaced = line[line.length - 1] as Entry;
          line[line.length - 1] = entry;
          replaced.options.signal?.removeEventListener('abort', replaced.onAbort);
          replaced.reject(new RunReplacedError());
        } else if (waiting >= maxQueued) {
          reject(new RunQueueFullError(waiting, concurrency, retryAfterSeconds()));
          return;
        } else {
          if (line) line.push(entry);
          else {
            lines.set(attendeeId, [entry]);
            turns.push(attendeeId);
          }
          waiting += 1;
        }
        signal?.addEventListener('abort', entry.onAbort, { once: true });
        notify();
      });
    },
    get running() {
      return running;
    },
    get waiting() {
      return waiting;
    },
  };
}
