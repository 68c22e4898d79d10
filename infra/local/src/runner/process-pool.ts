/**
 * Jailed processes started before anyone presses Run: each has loaded the
 * lab template's packages and waits for one Run, then exits with it. Never
 * reused: a process that has run attendee code is never handed to anyone
 * else (not even the same attendee).
 *
 * Refilled in idle time only (no Run waiting in the queue): during a burst
 * the pool drains first, then every Run starts its own process, so the
 * warm-up work never competes with Runs that are waiting for a core.
 */
export interface PoolSlot {
  /** False once the process exited while waiting; such a slot is thrown away. */
  readonly alive: boolean;
  /** Kills it and removes what it holds on disk (a slot nobody will use). */
  discard(): Promise<void>;
}

export interface ProcessPool<Slot extends PoolSlot> {
  /** A waiting process if one is alive, else a newly started one (started with `cold`). */
  take(cold: ColdStart): Slot;
  /** Tops the pool up when the runner is idle. */
  refill(): void;
  /** Replaces every waiting process (they were started before something they should have, e.g. the compile cache, was ready). */
  recycle(): Promise<void>;
  readonly ready: number;
  close(): Promise<void>;
}

/** How a process for a Run that is waiting now starts: from the startup snapshot, or importing what it uses from disk. */
export interface ColdStart {
  readonly snapshot: boolean;
}

export function createProcessPool<Slot extends PoolSlot>(options: {
  readonly size: number;
  /** `warm`: a process for the pool, which loads the template's packages while it waits; else one for a Run that is waiting now. `snapshot`: start from the startup snapshot. */
  readonly start: (options: { warm: boolean; snapshot: boolean }) => Slot;
  /** True while Runs are waiting for a slot: then the pool does not refill. */
  readonly busy: () => boolean;
  readonly log: (message: string) => void;
}): ProcessPool<Slot> {
  const waiting: Slot[] = [];
  let closed = false;
  let scheduled = false;

  const fill = (): void => {
    scheduled = false;
    while (!closed && waiting.length < options.size && !options.busy()) {
      try {
        // From the startup snapshot (when there is one): on a quiet machine a Run
        // from such a process ends as soon as from one that imported from disk, and
        // the process costs ≈ 25 % less CPU to make (npm run bench, labs scenario).
        waiting.push(options.start({ warm: true, snapshot: true }));
      } catch (error) {
        options.log(
          `instance runner: could not start a pooled process (${error instanceof Error ? error.message : String(error)}); Runs start their own.`,
        );
        return;
      }
    }
  };

  return {
    take(cold) {
      while (waiting.length > 0) {
        const slot = waiting.shift();
        if (slot?.alive) return slot;
        void slot?.discard();
      }
      return options.start({ warm: false, snapshot: cold.snapshot });
    },
    refill() {
      // After the current turn: a Run that just ended lets the next one start first.
      if (closed || scheduled || options.size === 0) return;
      scheduled = true;
      setImmediate(fill);
    },
    async recycle() {
      await Promise.all(waiting.splice(0).map((slot) => slot.discard()));
      this.refill();
    },
    get ready() {
      return waiting.filter((slot) => slot.alive).length;
    },
    async close() {
      closed = true;
      await Promise.all(waiting.splice(0).map((slot) => slot.discard()));
    },
  };
}
