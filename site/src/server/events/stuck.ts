/**
 * Stuck detection for the dashboard. An attendee is stuck when either rule holds:
 *
 * - **no progress**: they have been on their current step (the one they are
 *   working on now, current-step.ts) for the event's threshold without
 *   passing it;
 * - **repeated failures**: a check of that step failed K Checks in a row. A
 *   Check records every check of the lab, whether the attendee pressed Check
 *   alone or after a Run, so both count alike (`consecutive_failures`).
 *
 * Both are cheap to compute from stored results, so the dashboard stream
 * recomputes them instead of storing a flag that could go stale.
 */
export const REPEATED_FAILURES = 3;

export type Stuck =
  | { readonly reason: 'no-progress'; readonly minutes: number }
  | { readonly reason: 'repeated-failures'; readonly checkId: string; readonly failures: number };

export interface StuckInput {
  readonly now: number;
  readonly eventStartsAt: number;
  readonly stuckAfterMinutes: number;
  /** When the current step became the one to do; undefined when there is none (finished). */
  readonly currentSince: number | undefined;
  /** Consecutive failures of each check of the current step. */
  readonly currentStepFailures: readonly { readonly checkId: string; readonly failures: number }[];
}

export function detectStuck(input: StuckInput): Stuck | null {
  if (input.currentSince === undefined || input.now < input.eventStartsAt) return null;
  const worst = [...input.currentStepFailures].sort((a, b) => b.failures - a.failures)[0];
  if (worst && worst.failures >= REPEATED_FAILURES)
    return { reason: 'repeated-failures', checkId: worst.checkId, failures: worst.failures };
  const since = Math.max(input.currentSince, input.eventStartsAt);
  const minutes = Math.floor((input.now - since) / 60_000);
  if (minutes >= input.stuckAfterMinutes) return { reason: 'no-progress', minutes };
  return null;
}
