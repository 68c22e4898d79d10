import type { APIRoute } from 'astro';
import { bodyOf, fromResult, instructorOf, json } from '../../../../../../../server/api.ts';
import { firstIssue, minutesInput } from '../../../../../../../server/events/event-input.ts';

/** Extra time for one attendee, on top of the event's end. */
export const POST: APIRoute = async (context) => {
  const body = await bodyOf(context);
  if (body instanceof Response) return body;
  const input = minutesInput.safeParse(body);
  if (!input.success) return json(400, { error: firstIssue(input.error) });
  const { event, attendee } = context.params;
  return fromResult(
    context.locals.runtime.events.attendees.extend(event ?? '', attendee ?? '', input.data.minutes, instructorOf(context).id),
    (row) => ({ row }),
  );
};
