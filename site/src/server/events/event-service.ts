import { generateAccessCode } from './access-code.ts';
import { parseDisplayName } from './display-name.ts';
import { eventLabs, type EventContext } from './event-context.ts';
import { firstIssue, newEventInput } from './event-input.ts';
import { gridColumns, gridRow, type GridColumn, type GridRow } from './grid.ts';
import { LabActivityReader } from './lab-activity.ts';
import { eventTimeZone, parseTimeZone } from './time-zone.ts';
import { gridLabs, type GridLab } from './lab-progress.ts';
import type { AccessCode, SandboxMode, WorkshopEvent } from '../store/index.ts';

export interface EventSummary {
  readonly event: WorkshopEvent;
  readonly attendees: number;
  readonly code: AccessCode | undefined;
}

export type Result<T> = { ok: true; value: T } | { ok: false; status: 400 | 404 | 409; message: string };

/**
 * The instructor's side of events: create, close, extend, codes, and the
 * grid. Every change is logged with the instructor who made it and
 * announced on the bus, so open dashboards update.
 */
export class EventService {
  readonly #context: EventContext;
  readonly #modes: readonly SandboxMode[];
  readonly #activity: LabActivityReader;

  constructor(context: EventContext, sandboxModes: readonly SandboxMode[]) {
    this.#context = context;
    this.#modes = sandboxModes;
    this.#activity = new LabActivityReader(context.db);
  }

  list(): EventSummary[] {
    const { events, members, codes } = this.#context;
    return events.list().map((event) => ({ event, attendees: members.count(event.id), code: codes.activeEventCode(event.id) }));
  }

  get(eventId: string): WorkshopEvent | undefined {
    return this.#context.events.get(eventId);
  }

  /** The zone the event's times are shown in: its own, or the server's for events without one. */
  timeZoneOf(event: WorkshopEvent): string {
    return eventTimeZone(event, this.#context.serverTimeZone);
  }

  create(input: unknown, instructorId: string, options: { isDemo?: boolean } = {}): Result<WorkshopEvent> {
    const parsed = newEventInput.safeParse(input);
    if (!parsed.success) return { ok: false, status: 400, message: firstIssue(parsed.error) };
    const unknown = parsed.data.labs.filter((id) => !this.#context.labs.some((lab) => lab.definition.id === id));
    if (unknown.length > 0) return { ok: false, status: 400, message: `Unknown lab: ${unknown.join(', ')}.` };
    if (!this.#modes.includes(parsed.data.sandboxMode)) {
      return {
        ok: false,
        status: 400,
        message: `This server cannot provide ${parsed.data.sandboxMode} sandboxes (it runs in ${this.#modes.join(', ')} mode). AWS sandboxes need the provisioner in infra/aws.`,
      };
    }
    const zone = parsed.data.timeZone === undefined ? undefined : parseTimeZone(parsed.data.timeZone);
    if (zone && !zone.ok) return { ok: false, status: 400, message: zone.message };
    const now = this.#context.now();
    const event = this.#context.events.create(
      { ...parsed.data, timeZone: zone?.timeZone, createdBy: instructorId, ...(options.isDemo ? { isDemo: true } : {}) },
      now,
    );
    this.#context.codes.add(generateAccessCode(), event.id, 'event', null, now);
    this.#log(instructorId, event.id, 'create-event', { name: event.name });
    return { ok: true, value: event };
  }

  close(eventId: string, instructorId: string): Result<WorkshopEvent> {
    return this.#change(eventId, instructorId, 'close-event', {}, (event, now) => this.#context.events.close(event.id, now));
  }

  extend(eventId: string, minutes: number, instructorId: string): Result<WorkshopEvent> {
    return this.#change(eventId, instructorId, 'extend-event', { minutes }, (event, now) =>
      // Extending an event that already ended counts from now, so "10 more minutes" means that.
      this.#context.events.setEndsAt(event.id, Math.max(event.endsAt, now) + minutes * 60_000),
    );
  }

  /** Replaces the event's shared code: the old one stops working, joined attendees are unaffected. */
  rotateCode(eventId: string, instructorId: string): Result<AccessCode> {
    const event = this.get(eventId);
    if (!event) return notFound();
    const now = this.#context.now();
    const current = this.#context.codes.activeEventCode(eventId);
    if (current) this.#context.codes.revoke(current.code, now);
    const code = this.#context.codes.add(generateAccessCode(), eventId, 'event', null, now);
    this.#log(instructorId, eventId, 'rotate-code', {});
    return { ok: true, value: code };
  }

  revokeCode(eventId: string, code: string, instructorId: string): Result<AccessCode> {
    const found = this.#context.codes.find(code);
    if (!found || found.eventId !== eventId) return notFound('No such code in this event.');
    if (!this.#context.codes.revoke(code, this.#context.now()))
      return { ok: false, status: 409, message: `This code is already ${found.status}.` };
    this.#log(instructorId, eventId, 'revoke-code', { kind: found.kind, label: found.label });
    return { ok: true, value: { ...found, status: 'revoked' } };
  }

  /** Single-use codes, one per named attendee (names are validated like display names). */
  issueNamedCodes(eventId: string, names: readonly string[], instructorId: string): Result<AccessCode[]> {
    if (!this.get(eventId)) return notFound();
    const parsed = names.map((name) => parseDisplayName(name));
    const bad = parsed.findIndex((result) => !result.ok);
    if (bad >= 0) return { ok: false, status: 400, message: `Name ${bad + 1}: ${(parsed[bad] as { message: string }).message}` };
    const now = this.#context.now();
    const codes = parsed.map((result) =>
      this.#context.codes.add(generateAccessCode(), eventId, 'named', result.ok ? result.name : '', now),
    );
    this.#log(instructorId, eventId, 'issue-named-codes', { count: codes.length });
    return { ok: true, value: codes };
  }

  codes(eventId: string): AccessCode[] {
    return this.#context.codes.forEvent(eventId);
  }

  /** The room view: the event's labs and checks, and one row per attendee. */
  grid(eventId: string): { labs: GridLab[]; columns: GridColumn[]; rows: GridRow[] } | undefined {
    const event = this.get(eventId);
    if (!event) return undefined;
    const { members, progress, unlocks, now } = this.#context;
    const labs = gridLabs(eventLabs(this.#context, event.labs));
    const results = groupBy(progress.forEvent(eventId), (result) => result.attendeeId);
    const unlocked = groupBy(unlocks.forEvent(eventId), (unlock) => unlock.attendeeId);
    const activity = this.#activity.forEvent(eventId);
    const at = now();
    const rows = members.list(eventId).map((member) =>
      gridRow({
        event,
        labs,
        member,
        now: at,
        results: results.get(member.attendeeId) ?? [],
        unlocks: unlocked.get(member.attendeeId) ?? [],
        activity: activity.get(member.attendeeId) ?? new Map(),
      }),
    );
    return { labs, columns: gridColumns(labs), rows };
  }

  /** One attendee's row, recomputed when the bus says they did something. */
  row(eventId: string, attendeeId: string): GridRow | undefined {
    const event = this.get(eventId);
    const member = this.#context.members.byAttendee(attendeeId);
    if (!event || member?.eventId !== eventId) return undefined;
    const { progress, unlocks, now } = this.#context;
    return gridRow({
      event,
      member,
      now: now(),
      labs: gridLabs(eventLabs(this.#context, event.labs)),
      results: progress.forAttendee(attendeeId),
      unlocks: unlocks.forAttendee(attendeeId),
      activity: this.#activity.forAttendee(attendeeId),
    });
  }

  #change(
    eventId: string,
    instructorId: string,
    action: string,
    detail: object,
    apply: (event: WorkshopEvent, now: number) => void,
  ): Result<WorkshopEvent> {
    const event = this.get(eventId);
    if (!event) return notFound();
    apply(event, this.#context.now());
    this.#log(instructorId, eventId, action, detail);
    return { ok: true, value: this.get(eventId) ?? event };
  }

  #log(instructorId: string, eventId: string, action: string, detail: object, attendeeId?: string): void {
    const at = this.#context.now();
    this.#context.actions.record({ instructorId, eventId, action, detail, ...(attendeeId ? { attendeeId } : {}) }, at);
    this.#context.bus.publish({ type: 'changed', eventId, ...(attendeeId ? { attendeeId } : {}), at });
  }
}

function notFound(message = 'No such event.'): { ok: false; status: 404; message: string } {
  return { ok: false, status: 404, message };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
