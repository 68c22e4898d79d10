import type { APIRoute } from 'astro';
import { json } from '../../../server/api.ts';

/** The attendee's event and personal deadline, for the timer (which re-reads it when the instructor extends time). */
export const GET: APIRoute = (context) => {
  const { attendee, runtime } = context.locals;
  const view = attendee ? runtime.events.view(attendee.id) : undefined;
  if (!view) return json(200, { event: null });
  return json(200, { event: { name: view.eventName, deadline: view.deadline, ended: view.ended, now: Date.now() } });
};
