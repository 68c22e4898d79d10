import type { Lab } from '@keyless/labs';
import type { EventMembership, StoredCheckResult, Unlock, WorkshopEvent } from '../store/index.ts';
import { detectStuck, type Stuck } from './stuck.ts';

/** One column of the dashboard grid: a check, in lab and step order. */
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
export type CellStatus = 'pass' | 'fail' | 'unlocked' | 'pending';

export interface GridRow {
  readonly attendeeId: string;
  readonly displayName: string;
  readonly joinedAt: number;
  readonly deadline: number;
  readonly sandboxStatus: 'ready' | 'waiting';
  readonly cells: Readonly<Record<string, CellStatus>>;
  readonly passed: number;
  readonly total: number;
  readonly finished: boolean;
  readonly current: { readonly labId: string; readonly labTitle: string; readonly step: number; readonly stepTitle: string } | null;
  readonly stuck: Stuck | null;
  readonly lastActivityAt: number;
}

export function gridColumns(labs: readonly Lab[]): GridColumn[] {
  const columns: GridColumn[] = [];
  for (const lab of labs) {
    const titles = new Map(lab.definition.checks.map((check) => [check.id, check.title]));
    for (const step of lab.steps) {
      for (const checkId of step.frontmatter.checks) {
        columns.push({
          key: `${lab.definition.id}/${checkId}`,
          labId: lab.definition.id,
          labTitle: lab.definition.title,
          step: step.number,
          stepTitle: step.frontmatter.title,
          checkId,
          title: titles.get(checkId) ?? checkId,
          stretch: step.frontmatter.stretch,
        });
      }
    }
  }
  return columns;
}

export interface RowInput {
  readonly event: WorkshopEvent;
  readonly columns: readonly GridColumn[];
  readonly member: EventMembership;
  /** This attendee's results (any lab; others are ignored). */
  readonly results: readonly StoredCheckResult[];
  readonly unlocks: readonly Unlock[];
  readonly lastRunAt: number | undefined;
  readonly now: number;
}

export function gridRow(input: RowInput): GridRow {
  const { columns, member, event } = input;
  const results = new Map(input.results.map((result) => [`${result.labId}/${result.checkId}`, result]));
  const unlockedTo = new Map(input.unlocks.map((unlock) => [unlock.labId, unlock]));
  const cells: Record<string, CellStatus> = {};
  for (const column of columns) {
    const result = results.get(column.key);
    const unlock = unlockedTo.get(column.labId);
    if (result?.firstPassedAt != null) cells[column.key] = 'pass';
    else if (unlock && column.step <= unlock.upToStep) cells[column.key] = 'unlocked';
    else cells[column.key] = result?.status === 'fail' ? 'fail' : 'pending';
  }
  const core = columns.filter((column) => !column.stretch);
  const done = (column: GridColumn): boolean => cells[column.key] !== 'pending' && cells[column.key] !== 'fail';
  const next = core.find((column) => !done(column));
  const currentStep = next ? core.filter((column) => column.labId === next.labId && column.step === next.step) : [];
  const progressTimes = [
    member.joinedAt,
    ...columns.map((column) => results.get(column.key)?.firstPassedAt ?? 0),
    ...input.unlocks.map((unlock) => unlock.unlockedAt),
  ];
  const checkTimes = columns.map((column) => results.get(column.key)?.checkedAt ?? 0);
  return {
    attendeeId: member.attendeeId,
    displayName: member.displayName,
    joinedAt: member.joinedAt,
    deadline: event.endsAt + member.extraMinutes * 60_000,
    sandboxStatus: member.sandboxStatus,
    cells,
    passed: core.filter((column) => cells[column.key] === 'pass').length,
    total: core.length,
    finished: next === undefined,
    current: next ? { labId: next.labId, labTitle: next.labTitle, step: next.step, stepTitle: next.stepTitle } : null,
    stuck:
      member.sandboxStatus === 'waiting'
        ? null
        : detectStuck({
            now: input.now,
            eventStartsAt: event.startsAt,
            stuckAfterMinutes: event.stuckAfterMinutes,
            lastProgressAt: Math.max(...progressTimes),
            currentStepFailures: currentStep.map((column) => ({
              checkId: column.checkId,
              failures: results.get(column.key)?.consecutiveFailures ?? 0,
            })),
            hasCurrentStep: next !== undefined,
          }),
    lastActivityAt: Math.max(member.joinedAt, input.lastRunAt ?? 0, ...checkTimes),
  };
}
