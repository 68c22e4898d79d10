import type { GridLab, LabProgress } from './lab-progress.ts';

/** When the attendee did something in one lab, and when they last made progress there. */
export interface LabTimes {
  /** The latest Run, Check or code save in this lab. */
  readonly lastActivityAt: number | undefined;
  /** The first Run in this lab (when they started it). */
  readonly firstActivityAt: number | undefined;
  /** The latest first pass or unlock of one of this lab's checks. */
  readonly lastProgressAt: number | undefined;
}

export interface CurrentStep {
  readonly labId: string;
  readonly labTitle: string;
  readonly step: number;
  readonly stepTitle: string;
  /** When this step became the one to do: the time on it counts from here. */
  readonly since: number;
  /** False while the attendee has not done anything in any lab yet. */
  readonly started: boolean;
}

export interface CurrentStepInput {
  readonly labs: readonly GridLab[];
  readonly progress: readonly LabProgress[];
  readonly times: ReadonlyMap<string, LabTimes>;
  readonly joinedAt: number;
  readonly eventStartsAt: number;
}

/**
 * Where the attendee is now, from what they did last (not from the event's
 * lab order: people skip ahead, go back, or start with the lab their team
 * needs). The lab is the one with the latest activity; the step is its first
 * core step not yet passed or unlocked. When that lab is done, they are on
 * the next unfinished lab after it, from the moment they finished. Null:
 * every core step of every lab is done.
 */
export function currentStep(input: CurrentStepInput): CurrentStep | null {
  const { labs, progress, times } = input;
  const floor = Math.max(input.joinedAt, input.eventStartsAt);
  const unfinished = labs.map((_, index) => index).filter((index) => progress[index]?.done === false);
  const firstUnfinished = unfinished[0];
  if (firstUnfinished === undefined) return null;
  const latest = latestLab(labs, times);
  const at = (index: number, since: number, started: boolean): CurrentStep => {
    const lab = labs[index] as GridLab;
    const number = progress[index]?.nextStep ?? 1;
    const step = lab.steps.find((candidate) => candidate.number === number);
    return { labId: lab.labId, labTitle: lab.title, step: number, stepTitle: step?.title ?? '', since: Math.max(since, floor), started };
  };
  if (latest === undefined) return at(firstUnfinished, floor, false);
  const labTimes = times.get(labs[latest]?.labId ?? '');
  if (progress[latest]?.done === false) {
    const since = Math.max(labTimes?.lastProgressAt ?? 0, labTimes?.firstActivityAt ?? labTimes?.lastActivityAt ?? 0);
    return at(latest, since, true);
  }
  const next = unfinished.find((index) => index > latest) ?? firstUnfinished;
  return at(next, labTimes?.lastProgressAt ?? floor, true);
}

function latestLab(labs: readonly GridLab[], times: ReadonlyMap<string, LabTimes>): number | undefined {
  let best: number | undefined;
  let bestAt = -Infinity;
  labs.forEach((lab, index) => {
    const at = times.get(lab.labId)?.lastActivityAt;
    if (at !== undefined && at > bestAt) {
      best = index;
      bestAt = at;
    }
  });
  return best;
}
