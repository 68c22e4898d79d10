import type { APIRoute } from 'astro';
import { fromResult, instructorOf } from '../../../../../../../server/api.ts';

/** Resets the attendee's sandbox (clients, tokens, evidence); their code and recorded progress stay. */
export const POST: APIRoute = async (context) => {
  const result = await context.locals.runtime.events.attendees.resetSandbox(
    context.params.event ?? '',
    context.params.attendee ?? '',
    instructorOf(context).id,
  );
  return fromResult(result, (row) => ({ row }));
};
