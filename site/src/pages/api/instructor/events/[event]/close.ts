import type { APIRoute } from 'astro';
import { fromResult, instructorOf } from '../../../../../server/api.ts';

/** Stops new joins; attendees, progress and codes are kept. */
export const POST: APIRoute = (context) =>
  fromResult(context.locals.runtime.events.service.close(context.params.event ?? '', instructorOf(context).id), (event) => ({ event }));
