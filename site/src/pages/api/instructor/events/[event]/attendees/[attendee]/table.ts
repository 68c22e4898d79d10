import type { APIRoute } from 'astro';
import { bodyOf, fromResult, instructorOf, json } from '../../../../../../../server/api.ts';
import { firstIssue, tableInput } from '../../../../../../../server/events/event-input.ts';

/** The table an attendee of this event sits at, as the instructor corrects it; null or "" clears it. */
export const POST: APIRoute = async (context) => {
  const body = await bodyOf(context);
  if (body instanceof Response) return body;
  const input = tableInput.safeParse(body);
  if (!input.success) return json(400, { error: firstIssue(input.error) });
  const { event, attendee } = context.params;
  return fromResult(
    context.locals.runtime.events.attendees.setTable(event ?? '', attendee ?? '', input.data.table, instructorOf(context).id),
    (row) => ({ row }),
  );
};
