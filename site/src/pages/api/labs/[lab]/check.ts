import type { APIRoute } from 'astro';
import { attendeeAndLab, json } from '../../../../server/api.ts';

/** Evaluates the lab's checks against the attendee's sandbox and records the results. */
export const POST: APIRoute = async (context) => {
  const found = attendeeAndLab(context);
  if (found instanceof Response) return found;
  const report = await context.locals.runtime.check(found.attendee, found.lab);
  return json(200, report);
};
