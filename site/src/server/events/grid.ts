import type { EventMembership, StoredCheckResult, Unlock, WorkshopEvent } from '../store/index.ts';
import { currentStep, type CurrentStep, type LabTimes } from './current-step.ts';
import type { LabActivity } from './lab-activity.ts';
import { labProgress, type CheckState, type GridLab, type LabProgress } from './lab-progress.ts';
import { detectStuck, type Stuck } from './stuck.ts';

/** One check of the event, in lab and step order (the CSV's columns and the drill-down's rows). */
export interface GridColumn {
  readonly key: string;
  readonly labId: string;
  readonly labTitle: string;
  readonly step: number;
  readonly stepTitle: string;
  readonly checkId: string;
  readonly title: string;
  /** Stretch steps are optional: they do not count towards finishing. */
  readonly stretch: boolean;
}

/**
 * `pass`: the check passed at least once (progress is an achievement; a later
 * failure or a sandbox reset does not take it away). `unlocked`: the
 * instructor let the attendee skip it; never shown as passed.
 */
export type CellStatus = CheckState;

export interface GridRow {
  readonly attendeeId: string;
  readonly displayName: string;
  /** The table they sit at ("7", "B3"), or null when they gave none. */
  readonly table: string | null;
  readonly joinedAt: number;
  readonly deadline: number;
  readonly sandboxStatus: 'ready' | 'waiting';
  readonly cells: Readonly<Record<string, CellStatus>>;
  /** Per lab of the event, in its order: each step's state. */
  readonly labs: readonly LabProgress[];
  readonly passed: number;
  readonly total: number;
  readonly finished: boolean;
  /** What they are working on now, from what they did last; null once finished. */
  readonly current: CurrentStep | null;
  /** The check of the current step that failed most Checks in a row, if one is failing. */
  readonly lastFailing: {
    readonly checkId: string;
    readonly title: string;
    readonly failures: number;
    readonly explanation: string;
  } | null;
  readonly stuck: Stuck | null;
  readonly lastActivityAt: number;
}

export function gridColumns(labs: readonly GridLab[]): GridColumn[] {
  return labs.flatMap((lab) =>
    lab.steps.flatMap((step) =>
      step.checks.map((check) => ({
        key: `${lab.labId}/${check.id}`,
        labId: lab.labId,
        labTitle: lab.title,
        step: step.number,
        stepTitle: step.title,
        checkId: check.id,
        title: check.title,
        stretch: step.stretch,
      })),
    ),
  );
}

export interface RowInput {
  readonly event: WorkshopEvent;
  readonly labs: readonly GridLab[];
  readonly member: EventMembership;
  /** This attendee's results (any lab; others are ignored). */
  readonly results: readonly StoredCheckResult[];
  readonly unlocks: readonly Unlock[];
  /** Runs and saved code per lab (lab-activity.ts). */
  readonly activity: ReadonlyMap<string, LabActivity>;
  readonly now: number;
}

export function gridRow(input: RowInput): GridRow {
  const { member, event, labs } = input;
  const results = new Map(input.results.map((result) => [`${result.labId}/${result.checkId}`, result]));
  const unlocks = new Map(input.unlocks.map((unlock) => [unlock.labId, unlock]));
  const cells: Record<string, CellStatus> = {};
  for (const column of gridColumns(labs)) {
    const result = results.get(column.key);
    const unlock = unlocks.get(column.labId);
    if (result?.firstPassedAt != null) cells[column.key] = 'pass';
    else if (unlock && column.step <= unlock.upToStep) cells[column.key] = 'unlocked';
    else cells[column.key] = result?.status === 'fail' ? 'fail' : 'pending';
  }
  const times = new Map<string, LabTimes>();
  for (const lab of labs) times.set(lab.labId, labTimes(lab, results, unlocks.get(lab.labId), input.activity.get(lab.labId)));
  const progress = labs.map((lab) =>
    labProgress(lab, (checkId) => cells[`${lab.labId}/${checkId}`] ?? 'pending', times.get(lab.labId)?.lastActivityAt !== undefined),
  );
  const current = currentStep({ labs, progress, times, joinedAt: member.joinedAt, eventStartsAt: event.startsAt });
  const step = current ? labs.find((lab) => lab.labId === current.labId)?.steps.find((s) => s.number === current.step) : undefined;
  const failing = (step?.checks ?? [])
    .map((check) => ({ check, result: results.get(`${current?.labId ?? ''}/${check.id}`) }))
    .filter(({ result }) => result?.status === 'fail' && result.firstPassedAt == null)
    .sort((a, b) => (b.result?.consecutiveFailures ?? 0) - (a.result?.consecutiveFailures ?? 0))[0];
  const core = gridColumns(labs).filter((column) => !column.stretch);
  return {
    attendeeId: member.attendeeId,
    displayName: member.displayName,
    table: member.table,
    joinedAt: member.joinedAt,
    deadline: event.endsAt + member.extraMinutes * 60_000,
    sandboxStatus: member.sandboxStatus,
    cells,
    labs: progress,
    passed: core.filter((column) => cells[column.key] === 'pass').length,
    total: core.length,
    finished: current === null,
    current,
    lastFailing: failing?.result
      ? {
          checkId: failing.check.id,
          title: failing.check.title,
          failures: failing.result.consecutiveFailures,
          explanation: failing.result.explanation,
        }
      : null,
    stuck:
      member.sandboxStatus === 'waiting'
        ? null
        : detectStuck({
            now: input.now,
            eventStartsAt: event.startsAt,
            stuckAfterMinutes: event.stuckAfterMinutes,
            currentSince: current?.since,
            currentStepFailures: (step?.checks ?? []).map((check) => ({
              checkId: check.id,
              failures:
                cells[`${current?.labId ?? ''}/${check.id}`] === 'fail'
                  ? (results.get(`${current?.labId ?? ''}/${check.id}`)?.consecutiveFailures ?? 0)
                  : 0,
            })),
          }),
    lastActivityAt: Math.max(member.joinedAt, ...[...times.values()].map((lab) => lab.lastActivityAt ?? 0)),
  };
}

function labTimes(
  lab: GridLab,
  results: ReadonlyMap<string, StoredCheckResult>,
  unlock: Unlock | undefined,
  activity: LabActivity | undefined,
): LabTimes {
  const own = lab.steps
    .flatMap((step) => step.checks.map((check) => results.get(`${lab.labId}/${check.id}`)))
    .filter((r) => r !== undefined);
  const checkedAt = own.map((result) => result.checkedAt);
  const progressAt = [...own.map((result) => result.firstPassedAt ?? 0), unlock?.unlockedAt ?? 0].filter((at) => at > 0);
  const activityAt = [...checkedAt, activity?.lastRunAt ?? 0, activity?.savedAt ?? 0].filter((at) => at > 0);
  const firstAt = [activity?.firstRunAt ?? 0, ...checkedAt].filter((at) => at > 0);
  return {
    lastActivityAt: activityAt.length > 0 ? Math.max(...activityAt) : undefined,
    firstActivityAt: firstAt.length > 0 ? Math.min(...firstAt) : undefined,
    lastProgressAt: progressAt.length > 0 ? Math.max(...progressAt) : undefined,
  };
}
