import type { APIRoute } from 'astro';
import { fromResult, instructorOf, sandboxNotReady } from '../../../../../../../server/api.ts';

/** Resets the attendee's sandbox (clients, tokens, evidence); their code and recorded progress stay. */
export const POST: APIRoute = async (context) => {
  const { events } = context.locals.runtime;
  const eventId = context.params.event ?? '';
  const attendeeId = context.params.attendee ?? '';
  // A sandbox of a mode this server does not run cannot be reached (one still being waited for has nothing to reset, which succeeds).
  const unreachable =
    events.sandboxUnavailable(attendeeId)?.reason === 'mode-unavailable' &&
    events.context.members.byAttendee(attendeeId)?.eventId === eventId;
  const refused = unreachable ? sandboxNotReady(context, attendeeId, 'instructor') : undefined;
  if (refused) return refused;
  const result = await events.attendees.resetSandbox(eventId, attendeeId, instructorOf(context).id);
  return fromResult(result, (row) => ({ row }));
};
