import type { APIRoute } from 'astro';
import { json } from '../../../../../../../server/api.ts';

/** One attendee: their row, and per lab their current code, last run output and last check results. */
export const GET: APIRoute = (context) => {
  const detail = context.locals.runtime.events.attendees.detail(context.params.event ?? '', context.params.attendee ?? '');
  return detail ? json(200, detail) : json(404, { error: 'No such attendee in this event.' });
};
