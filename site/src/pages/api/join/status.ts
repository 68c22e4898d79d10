import type { APIRoute } from 'astro';
import { json } from '../../../server/api.ts';

/** The wait screen polls this: is the attendee's (AWS) sandbox assigned yet? */
export const GET: APIRoute = (context) => {
  const { attendee, runtime } = context.locals;
  const status = attendee ? runtime.events.join.refreshSandbox(attendee.id) : undefined;
  if (!status) return json(404, { error: 'You have not joined an event in this browser.' });
  return json(200, status);
};
