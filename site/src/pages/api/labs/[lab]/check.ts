import type { APIRoute } from 'astro';
import { attendeeAndLab, json, sandboxRefusal } from '../../../../server/api.ts';

/** Evaluates the lab's checks against the attendee's sandbox and records the results. */
export const POST: APIRoute = async (context) => {
  const found = attendeeAndLab(context);
  if (found instanceof Response) return found;
  const refused = sandboxRefusal(context, found.attendee);
  if (refused) return refused;
  const report = await context.locals.runtime.check(found.attendee, found.lab);
  return json(200, report);
};
