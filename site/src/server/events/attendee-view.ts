import type { SandboxMode } from '@keyless/labs/sandbox';
import type { Unlock } from '../store/index.ts';
import type { EventContext } from './event-context.ts';

/** What an event attendee's pages show about their event: name, labs, personal deadline, unlocks. */
export interface AttendeeEventView {
  readonly eventId: string;
  readonly eventName: string;
  readonly displayName: string;
  readonly labs: readonly string[];
  /** The event's end plus the time the instructor granted this attendee. */
  readonly deadline: number;
  readonly ended: boolean;
  readonly eventStatus: 'open' | 'closed';
  readonly sandboxStatus: 'ready' | 'waiting';
  readonly unlocks: readonly Unlock[];
}

export function attendeeEventView(context: EventContext, attendeeId: string): AttendeeEventView | undefined {
  const member = context.members.byAttendee(attendeeId);
  const event = member ? context.events.get(member.eventId) : undefined;
  if (!member || !event) return undefined;
  const deadline = event.endsAt + member.extraMinutes * 60_000;
  return {
    eventId: event.id,
    eventName: event.name,
    displayName: member.displayName,
    labs: event.labs,
    deadline,
    ended: context.now() >= deadline,
    eventStatus: event.status,
    sandboxStatus: member.sandboxStatus,
    unlocks: context.unlocks.forAttendee(attendeeId),
  };
}

/** Why an attendee may not use their sandbox now; a 503 says when to ask again. */
export interface SandboxRefusal {
  readonly reason: 'mode-unavailable' | 'waiting' | 'time-up';
  readonly status: 403 | 409 | 503;
  readonly message: string;
  readonly retryAfterSeconds?: number;
}

/** A restarted server may well come back with its AWS mode on: worth asking again after this long. */
const MODE_RETRY_SECONDS = 60;

/**
 * Whether the attendee has a sandbox at all, whatever the time: one of a
 * mode this server runs (an AWS-mode event's attendees after a restart
 * without AWS mode have none), and assigned (AWS mode: claimed from the
 * pool). Self-paced attendees always have one.
 */
export function sandboxUnavailable(
  context: EventContext,
  attendeeId: string,
  offeredModes: readonly SandboxMode[],
): SandboxRefusal | undefined {
  const member = context.members.byAttendee(attendeeId);
  const event = member ? context.events.get(member.eventId) : undefined;
  if (!member || !event) return undefined;
  if (!offeredModes.includes(event.sandboxMode))
    return {
      reason: 'mode-unavailable',
      status: 503,
      message: `Your sandbox is not ready yet: "${event.name}" uses ${event.sandboxMode.toUpperCase()} sandboxes, and this server was started without ${event.sandboxMode.toUpperCase()} mode. Tell your instructor (docs/aws.md).`,
      retryAfterSeconds: MODE_RETRY_SECONDS,
    };
  if (member.sandboxStatus === 'waiting')
    return { reason: 'waiting', status: 409, message: 'Your sandbox is not ready yet; the join page tells you when it is.' };
  return undefined;
}

/**
 * Whether the attendee may use their sandbox (Run, Check) now. Self-paced
 * attendees always may; event attendees until their personal deadline and
 * once their sandbox is assigned. Reading pages and code stays possible.
 */
export function sandboxRefusal(
  context: EventContext,
  attendeeId: string,
  offeredModes: readonly SandboxMode[],
): SandboxRefusal | undefined {
  const unavailable = sandboxUnavailable(context, attendeeId, offeredModes);
  if (unavailable) return unavailable;
  const view = attendeeEventView(context, attendeeId);
  if (view?.ended)
    return {
      reason: 'time-up',
      status: 403,
      message: `Time is up for "${view.eventName}". Your code and progress are kept; ask your instructor if you need more time.`,
    };
  return undefined;
}
