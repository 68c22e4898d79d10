import type { APIRoute } from 'astro';
import { bodyOf, fromResult, instructorOf, json } from '../../../../server/api.ts';
import { formatAccessCode } from '../../../../server/events/index.ts';

/** All events, newest first, with attendee counts and current codes. */
export const GET: APIRoute = (context) => {
  const events = context.locals.runtime.events.service.list();
  return json(200, {
    events: events.map(({ event, attendees, code }) => ({ ...event, attendees, code: code ? formatAccessCode(code.code) : null })),
  });
};

/** Creates an event and its access code. */
export const POST: APIRoute = async (context) => {
  const body = await bodyOf(context);
  if (body instanceof Response) return body;
  const { service } = context.locals.runtime.events;
  const result = service.create(body, instructorOf(context).id);
  return fromResult(result, (event) => ({ event, code: formatAccessCode(service.codes(event.id)[0]?.code ?? '') }));
};
