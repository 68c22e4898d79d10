import type { APIRoute } from 'astro';
import { bodyOf, fromResult, instructorOf, json } from '../../../../../../../server/api.ts';
import { firstIssue, unlockInput } from '../../../../../../../server/events/event-input.ts';

/** "Solve up to step N": lets the attendee move on; shown as unlocked, never as passed. */
export const POST: APIRoute = async (context) => {
  const body = await bodyOf(context);
  if (body instanceof Response) return body;
  const input = unlockInput.safeParse(body);
  if (!input.success) return json(400, { error: firstIssue(input.error) });
  const { event, attendee } = context.params;
  const result = context.locals.runtime.events.attendees.unlock(
    event ?? '',
    attendee ?? '',
    input.data.labId,
    input.data.upToStep,
    instructorOf(context).id,
  );
  return fromResult(result, (row) => ({ row }));
};
