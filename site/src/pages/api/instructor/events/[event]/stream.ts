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
  return new Response(gridStream(events, eventId, context.request.signal), {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' },
  });
};
