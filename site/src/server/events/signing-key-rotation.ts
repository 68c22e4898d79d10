import { z } from 'zod';
import type { EventContext } from './event-context.ts';
import { firstIssue } from './event-input.ts';
import type { Result } from './event-service.ts';

/** One attendee's user pool after its signing keys were rotated. */
export interface RotatedPool {
  readonly attendeeId: string;
  readonly userPoolId: string;
  /** The kid every token issued from now on carries. */
  readonly signingKid: string;
  /** The pool's JWKS as published now: the new key, the old one (for the overlap) and the next standby. */
  readonly publishedKids: readonly string[];
}

/** What rotating needs from the sandbox (local mode's emulator has it; Cognito has no API for it). */
export interface SigningKeyRotator {
  rotateUserPoolKeys(attendeeIds: readonly string[]): { readonly rotated: readonly RotatedPool[]; readonly unknown: readonly string[] };
}

export interface SigningKeyRotation {
  readonly rotated: readonly (RotatedPool & { readonly displayName: string })[];
  /** Members whose sandbox does not exist yet (nothing to rotate). */
  readonly skipped: readonly { readonly attendeeId: string; readonly displayName: string }[];
}

/** The request body: empty for every attendee of the event, or one attendee. */
export const rotationInput = z.object({ attendeeId: z.string().min(1).max(200).optional() }).strict();

/**
 * The instructor's signing-key rotation, to show it happen: the user pools
 * of the event's attendees (or of one of them) get a new signing key, the
 * old one stays in each JWKS until the tokens it signed have expired. Pools
 * of other events are never touched, and an attendee of another event is
 * "not in this event", as for every attendee action.
 */
export function rotateEventSigningKeys(
  context: EventContext,
  rotator: SigningKeyRotator | undefined,
  request: { readonly eventId: string; readonly body: unknown; readonly instructorId: string },
): Result<SigningKeyRotation> {
  const event = context.events.get(request.eventId);
  if (!event) return { ok: false, status: 404, message: 'No such event.' };
  const input = rotationInput.safeParse(request.body);
  if (!input.success) return { ok: false, status: 400, message: firstIssue(input.error) };
  if (!rotator || event.sandboxMode !== 'local') {
    return {
      ok: false,
      status: 409,
      message: "Signing keys can be rotated in local sandboxes only: Amazon Cognito has no API that rotates a user pool's keys.",
    };
  }
  const members = context.members.list(event.id);
  const { attendeeId } = input.data;
  const chosen = attendeeId === undefined ? members : members.filter((member) => member.attendeeId === attendeeId);
  if (attendeeId !== undefined && chosen.length === 0) return { ok: false, status: 404, message: 'No such attendee in this event.' };

  const names = new Map(chosen.map((member) => [member.attendeeId, member.displayName]));
  const { rotated, unknown } = rotator.rotateUserPoolKeys(chosen.map((member) => member.attendeeId));
  const result: SigningKeyRotation = {
    rotated: rotated.map((pool) => ({ ...pool, displayName: names.get(pool.attendeeId) ?? '' })),
    skipped: unknown.map((id) => ({ attendeeId: id, displayName: names.get(id) ?? '' })),
  };
  context.actions.record(
    {
      instructorId: request.instructorId,
      eventId: event.id,
      ...(attendeeId === undefined ? {} : { attendeeId }),
      action: 'rotate-signing-keys',
      detail: { pools: result.rotated.length, skipped: result.skipped.length },
    },
    context.now(),
  );
  return { ok: true, value: result };
}
