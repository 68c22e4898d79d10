import type { Lab } from '@keyless/labs';

/** The event's labs as the room view draws them: steps in order, each with its checks. */
export interface GridLab {
  readonly labId: string;
  readonly title: string;
  readonly steps: readonly GridStep[];
}

export interface GridStep {
  readonly number: number;
  readonly title: string;
  /** Stretch steps are optional: they do not count towards finishing a lab. */
  readonly stretch: boolean;
  readonly checks: readonly { readonly id: string; readonly title: string }[];
}

/**
 * One step as the instructor sees it. `failing` is only ever the step the
 * attendee is on (or one they skipped): a Check judges every check of the
 * lab at once, so steps nobody has reached fail too, and those are
 * `not-reached`, not red.
 */
export type StepState = 'not-reached' | 'in-progress' | 'failing' | 'passed' | 'unlocked';

/** What the progress of one check is, from the grid's cells. */
export type CheckState = 'pass' | 'fail' | 'unlocked' | 'pending';

export interface LabProgress {
  readonly labId: string;
  readonly steps: readonly StepState[];
  /** Every core step passed or unlocked. */
  readonly done: boolean;
  /** The first core step not yet passed or unlocked (1-based), if any. */
  readonly nextStep: number | undefined;
}

export function gridLabs(labs: readonly Lab[]): GridLab[] {
  return labs.map((lab) => {
    const titles = new Map(lab.definition.checks.map((check) => [check.id, check.title]));
    return {
      labId: lab.definition.id,
      title: lab.definition.title,
      steps: lab.steps.map((step) => ({
        number: step.number,
        title: step.frontmatter.title,
        stretch: step.frontmatter.stretch,
        checks: step.frontmatter.checks.map((id) => ({ id, title: titles.get(id) ?? id })),
      })),
    };
  });
}

/**
 * The states of a lab's steps. `touched`: the attendee did something in this
 * lab (a Run, a Check, saved code); an untouched lab is all `not-reached`
 * whatever its stored results say.
 */
export function labProgress(lab: GridLab, cell: (checkId: string) => CheckState, touched: boolean): LabProgress {
  const stepDone = lab.steps.map((step) => step.checks.length > 0 && step.checks.every((check) => isDone(cell(check.id))));
  const nextIndex = lab.steps.findIndex((step, index) => !step.stretch && !stepDone[index]);
  const lastDone = stepDone.lastIndexOf(true);
  const steps = lab.steps.map((step, index): StepState => {
    if (stepDone[index]) return step.checks.every((check) => cell(check.id) === 'pass') ? 'passed' : 'unlocked';
    const reached = touched && (index === nextIndex || index < lastDone);
    if (!reached) return 'not-reached';
    return step.checks.some((check) => cell(check.id) === 'fail') ? 'failing' : 'in-progress';
  });
  return {
    labId: lab.labId,
    steps,
    done: nextIndex === -1,
    nextStep: nextIndex === -1 ? undefined : lab.steps[nextIndex]?.number,
  };
}

function isDone(state: CheckState): boolean {
  return state === 'pass' || state === 'unlocked';
}
