import type { APIRoute } from 'astro';
import { bodyOf, fromResult, json } from '../../../server/api.ts';
import { setAttendeeTable } from '../../../server/events/attendee-table.ts';
import { firstIssue, tableInput } from '../../../server/events/event-input.ts';

/**
 * The signed-in attendee moves to another table (or clears it). Always their
 * own: the attendee is the session's, and a body naming anyone else (any
 * field but `table`) is refused.
 */
export const POST: APIRoute = async (context) => {
  const { attendee, runtime } = context.locals;
  if (!attendee) return json(401, { error: 'No attendee session.' });
  const body = await bodyOf(context);
  if (body instanceof Response) return body;
  const input = tableInput.safeParse(body);
  if (!input.success) return json(400, { error: `${firstIssue(input.error)} Send only {"table": "7"}.` });
  return fromResult(setAttendeeTable(runtime.events.context, attendee.id, input.data.table));
};
