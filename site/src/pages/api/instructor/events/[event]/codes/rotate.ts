import type { APIRoute } from 'astro';
import { fromResult, instructorOf } from '../../../../../../server/api.ts';
import { formatAccessCode } from '../../../../../../server/events/index.ts';

/** A new shared code; the old one stops working (attendees who joined with it stay in). */
export const POST: APIRoute = (context) =>
  fromResult(context.locals.runtime.events.service.rotateCode(context.params.event ?? '', instructorOf(context).id), (code) => ({
    code: formatAccessCode(code.code),
  }));
