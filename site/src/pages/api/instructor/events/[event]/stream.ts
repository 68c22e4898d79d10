import type { APIRoute } from 'astro';
import { json } from '../../../../../server/api.ts';
import { gridStream } from '../../../../../server/events/grid-stream.ts';

/**
 * The live grid as server-sent events: a full `snapshot` on connect, on
 * event-level changes and every 30 s (stuck detection ages with the clock),
 * and a `row` whenever one attendee runs, checks or is acted on.
 */
export const GET: APIRoute = (context) => {
  const { events } = context.locals.runtime;
  const eventId = context.params.event ?? '';
  if (!events.service.get(eventId)) return json(404, { error: 'No such event.' });
  const headers = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' };
  // Astro answers HEAD with this handler but never reads or cancels the body: a stream started
  // here would keep its bus subscription and timer for the life of the process.
  if (context.request.method === 'HEAD') return new Response(null, { headers });
  return new Response(gridStream(events, eventId, context.request.signal), { headers });
};
