import type { APIRoute } from 'astro';
import { attendeeAndLab, json } from '../../../../server/api.ts';

/** The lab's reference solution, fetched only when the attendee asks to see it. */
export const GET: APIRoute = (context) => {
  const found = attendeeAndLab(context);
  if (found instanceof Response) return found;
  return json(200, { files: found.lab.solution });
};
