import type { APIRoute } from 'astro';
import { fromResult, instructorOf } from '../../../../../../../../server/api.ts';
import { rotateEventSigningKeys } from '../../../../../../../../server/events/signing-key-rotation.ts';

/** Rotates the signing keys of this attendee's user pool only. */
export const POST: APIRoute = (context) => {
  const { runtime } = context.locals;
  const { event, attendee } = context.params;
  return fromResult(
    rotateEventSigningKeys(runtime.events.context, runtime.aws, {
      eventId: event ?? '',
      body: { attendeeId: attendee ?? '' },
      instructorId: instructorOf(context).id,
    }),
  );
};
