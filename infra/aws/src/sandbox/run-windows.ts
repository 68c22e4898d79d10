/**
 * Which Run was on the attendee's instance when. AWS services record no
 * Run id (attendee code could forge one it sent), but one attendee has at
 * most one Run at a time, so evidence recorded while a Run was open belongs
 * to it: that Run's id and lab. Evidence outside every window is "outside
 * any Run" and counts for every lab, as locally. Kept in memory: after a
 * site restart, earlier evidence is outside any Run.
 */
export interface RunWindow {
  readonly runId: string;
  readonly labId: string | undefined;
  readonly startedAt: number;
  endedAt: number | undefined;
}

export interface RunWindows {
  open(runId: string, labId: string | undefined, at: number): { close(at: number): void };
  /** The Run open at `at` (with `graceMs` after its end for evidence written a little late), if any. */
  at(at: number): RunWindow | undefined;
}

/** How long after a Run ended its evidence may still be timestamped (Lambda clocks, log flushes). */
const GRACE_MS = 2_000;
const KEEP = 200;

export function createRunWindows(): RunWindows {
  const windows: RunWindow[] = [];
  return {
    open(runId, labId, startedAt) {
      const window: RunWindow = { runId, labId, startedAt, endedAt: undefined };
      windows.push(window);
      if (windows.length > KEEP) windows.shift();
      return {
        close(at) {
          window.endedAt = at;
        },
      };
    },
    at(at) {
      for (let index = windows.length - 1; index >= 0; index -= 1) {
        const window = windows[index];
        if (window && at >= window.startedAt && (window.endedAt === undefined || at <= window.endedAt + GRACE_MS)) return window;
      }
      return undefined;
    },
  };
}
