import type { APIRoute } from 'astro';
import { bodyOf, fromResult, instructorOf, json } from '../../../../../server/api.ts';
import { firstIssue, minutesInput } from '../../../../../server/events/event-input.ts';

/** Moves the event's end (the attendees' timer follows). */
export const POST: APIRoute = async (context) => {
  const body = await bodyOf(context);
  if (body instanceof Response) return body;
  const input = minutesInput.safeParse(body);
  if (!input.success) return json(400, { error: firstIssue(input.error) });
  return fromResult(
    context.locals.runtime.events.service.extend(context.params.event ?? '', input.data.minutes, instructorOf(context).id),
    (event) => ({ event }),
  );
};
