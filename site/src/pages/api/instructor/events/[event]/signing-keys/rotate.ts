import type { APIRoute } from 'astro';
import { bodyOf, fromResult, instructorOf } from '../../../../../../server/api.ts';
import { rotateEventSigningKeys } from '../../../../../../server/events/signing-key-rotation.ts';

/** Rotates the user-pool signing keys of the event's attendees (`{}`), or of one (`{"attendeeId": …}`). */
export const POST: APIRoute = async (context) => {
  const body = await bodyOf(context);
  if (body instanceof Response) return body;
  const { runtime } = context.locals;
  return fromResult(
    rotateEventSigningKeys(runtime.events.context, runtime.aws, {
      eventId: context.params.event ?? '',
      body,
      instructorId: instructorOf(context).id,
    }),
  );
};
