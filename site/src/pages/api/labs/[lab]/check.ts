import type { APIRoute } from 'astro';
import { answerFromSandbox, attendeeAndLab, json, sandboxRefusal } from '../../../../server/api.ts';

/** Evaluates the lab's checks against the attendee's sandbox and records the results. */
export const POST: APIRoute = async (context) => {
  const found = attendeeAndLab(context);
  if (found instanceof Response) return found;
  const refused = sandboxRefusal(context, found.attendee);
  if (refused) return refused;
  const { attendee, lab } = found;
  return answerFromSandbox(context, attendee.id, 'attendee', async () => json(200, await context.locals.runtime.check(attendee, lab)));
};
