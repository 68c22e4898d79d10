/**
 * Stuck detection for the dashboard: an attendee is stuck when they have
 * made no progress (no newly passed or unlocked check) on their current step
 * for the event's threshold, or when a check of that step failed several
 * times in a row. Both are cheap to compute from stored results, so the
 * dashboard stream recomputes them instead of storing a flag that could go stale.
 */
export const REPEATED_FAILURES = 3;

export type Stuck =
  | { readonly reason: 'no-progress'; readonly minutes: number }
  | { readonly reason: 'repeated-failures'; readonly checkId: string; readonly failures: number };

export interface StuckInput {
  readonly now: number;
  readonly eventStartsAt: number;
  readonly stuckAfterMinutes: number;
  /** Joined, first passes, unlocks: the latest of these. */
  readonly lastProgressAt: number;
  /** Consecutive failures of each check of the current step. */
  readonly currentStepFailures: readonly { readonly checkId: string; readonly failures: number }[];
  /** No current step: finished (or waiting for a sandbox). */
  readonly hasCurrentStep: boolean;
}

export function detectStuck(input: StuckInput): Stuck | null {
  if (!input.hasCurrentStep || input.now < input.eventStartsAt) return null;
  const worst = [...input.currentStepFailures].sort((a, b) => b.failures - a.failures)[0];
  if (worst && worst.failures >= REPEATED_FAILURES)
    return { reason: 'repeated-failures', checkId: worst.checkId, failures: worst.failures };
  const since = Math.max(input.lastProgressAt, input.eventStartsAt);
  const minutes = Math.floor((input.now - since) / 60_000);
  if (minutes >= input.stuckAfterMinutes) return { reason: 'no-progress', minutes };
  return null;
}
