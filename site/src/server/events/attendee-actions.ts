import type { StoredCheckResult, StoredRun, WorkspaceFiles, WorkspaceStore } from '../store/index.ts';
import { eventLabs, type EventContext } from './event-context.ts';
import { setAttendeeTable } from './attendee-table.ts';
import type { GridRow } from './grid.ts';
import type { EventService, Result } from './event-service.ts';

/** What the instructor sees when opening one attendee: per lab, their code, last run and check results. */
export interface AttendeeDetail {
  readonly row: GridRow;
  readonly labs: readonly {
    readonly labId: string;
    readonly title: string;
    readonly steps: readonly { readonly number: number; readonly title: string }[];
    readonly files: WorkspaceFiles | null;
    readonly lastRun: StoredRun | null;
    readonly results: readonly StoredCheckResult[];
  }[];
}

/**
 * The instructor's actions on one attendee. Each checks that the attendee
 * belongs to the event in the URL, so a dashboard for one event can never
 * reach into another.
 */
export class AttendeeActions {
  readonly #context: EventContext;
  readonly #service: EventService;
  readonly #workspaces: WorkspaceStore;
  readonly #resetSandbox: (attendeeId: string) => Promise<void>;

  constructor(options: {
    context: EventContext;
    service: EventService;
    workspaces: WorkspaceStore;
    resetSandbox: (attendeeId: string) => Promise<void>;
  }) {
    this.#context = options.context;
    this.#service = options.service;
    this.#workspaces = options.workspaces;
    this.#resetSandbox = options.resetSandbox;
  }

  detail(eventId: string, attendeeId: string): AttendeeDetail | undefined {
    const row = this.#service.row(eventId, attendeeId);
    const event = this.#context.events.get(eventId);
    if (!row || !event) return undefined;
    const results = this.#context.progress.forAttendee(attendeeId);
    return {
      row,
      labs: eventLabs(this.#context, event.labs).map((lab) => ({
        labId: lab.definition.id,
        title: lab.definition.title,
        steps: lab.steps.map((step) => ({ number: step.number, title: step.frontmatter.title })),
        files: this.#workspaces.get(attendeeId, lab.definition.id) ?? null,
        lastRun: this.#context.runs.latest(attendeeId, lab.definition.id) ?? null,
        // In the lab's own check order, so the dialog reads like the grid.
        results: lab.definition.checks
          .map((check) => results.find((result) => result.labId === lab.definition.id && result.checkId === check.id))
          .filter((result) => result !== undefined),
      })),
    };
  }

  /**
   * "Solve up to step N": the attendee may move on past steps 1..N. Recorded
   * as an unlock (shown as such on the grid, in the CSV and to the attendee),
   * never as passed checks: no evidence is invented.
   */
  unlock(eventId: string, attendeeId: string, labId: string, upToStep: number, instructorId: string): Result<GridRow> {
    const event = this.#context.events.get(eventId);
    if (!event || !this.#isMember(eventId, attendeeId)) return { ok: false, status: 404, message: 'No such attendee in this event.' };
    const lab = eventLabs(this.#context, event.labs).find((candidate) => candidate.definition.id === labId);
    if (!lab) return { ok: false, status: 400, message: `Lab "${labId}" is not part of this event.` };
    if (upToStep > lab.steps.length) return { ok: false, status: 400, message: `${lab.definition.title} has ${lab.steps.length} steps.` };
    this.#context.unlocks.set(attendeeId, labId, upToStep, instructorId, this.#context.now());
    return this.#done(eventId, attendeeId, instructorId, 'unlock', { labId, upToStep });
  }

  /** The table the attendee sits at, as the instructor corrects it (an attendee in another event is a 404, whatever the table). */
  setTable(eventId: string, attendeeId: string, table: unknown, instructorId: string): Result<GridRow> {
    if (!this.#isMember(eventId, attendeeId)) return { ok: false, status: 404, message: 'No such attendee in this event.' };
    const result = setAttendeeTable(this.#context, attendeeId, table);
    if (!result.ok) return result;
    return this.#done(eventId, attendeeId, instructorId, 'set-table', { table: result.value.table });
  }

  extend(eventId: string, attendeeId: string, minutes: number, instructorId: string): Result<GridRow> {
    if (!this.#isMember(eventId, attendeeId)) return { ok: false, status: 404, message: 'No such attendee in this event.' };
    this.#context.members.extend(attendeeId, minutes);
    return this.#done(eventId, attendeeId, instructorId, 'extend-attendee', { minutes });
  }

  /** Discards what the attendee's sandbox holds (clients, tokens, evidence). Their code and recorded progress stay. */
  async resetSandbox(eventId: string, attendeeId: string, instructorId: string): Promise<Result<GridRow>> {
    if (!this.#isMember(eventId, attendeeId)) return { ok: false, status: 404, message: 'No such attendee in this event.' };
    await this.#resetSandbox(attendeeId);
    return this.#done(eventId, attendeeId, instructorId, 'reset-sandbox', {});
  }

  #isMember(eventId: string, attendeeId: string): boolean {
    return this.#context.members.byAttendee(attendeeId)?.eventId === eventId;
  }

  #done(eventId: string, attendeeId: string, instructorId: string, action: string, detail: object): Result<GridRow> {
    const at = this.#context.now();
    this.#context.actions.record({ instructorId, eventId, attendeeId, action, detail }, at);
    this.#context.bus.publish({ type: 'changed', eventId, attendeeId, at });
    const row = this.#service.row(eventId, attendeeId);
    return row ? { ok: true, value: row } : { ok: false, status: 404, message: 'No such attendee in this event.' };
  }
}
