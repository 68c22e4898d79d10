import type { APIRoute } from 'astro';
import { attendeeAndLab, json } from '../../../../server/api.ts';

/** The attendee's latest result for every check of the lab. */
export const GET: APIRoute = (context) => {
  const found = attendeeAndLab(context);
  if (found instanceof Response) return found;
  return json(200, { results: context.locals.runtime.progress.forLab(found.attendee.id, found.lab.definition.id) });
};
