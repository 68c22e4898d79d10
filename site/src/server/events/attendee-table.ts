import type { EventContext } from './event-context.ts';
import type { Result } from './event-service.ts';
import { parseTableLabel } from './table-label.ts';

/**
 * Sets the table an event attendee sits at (null or blank clears it) and
 * tells open dashboards. Who may is the caller's rule: the attendee for
 * themselves (their session, never an id they send), the instructor for a
 * member of the event in the URL. A malformed table changes nothing.
 */
export function setAttendeeTable(context: EventContext, attendeeId: string, input: unknown): Result<{ table: string | null }> {
  const member = context.members.byAttendee(attendeeId);
  if (!member) return { ok: false, status: 404, message: 'You are not in an event: join one first.' };
  const parsed = parseTableLabel(input);
  if (!parsed.ok) return { ok: false, status: 400, message: parsed.message };
  context.members.setTable(attendeeId, parsed.table);
  context.bus.publish({ type: 'changed', eventId: member.eventId, attendeeId, at: context.now() });
  return { ok: true, value: { table: parsed.table } };
}
