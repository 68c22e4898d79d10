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

/**
 * Whether the attendee may use their sandbox (Run, Check) now. Self-paced
 * attendees always may; event attendees until their personal deadline and
 * once their sandbox is assigned. Reading pages and code stays possible.
 */
export function sandboxRefusal(context: EventContext, attendeeId: string): { status: 403 | 409; message: string } | undefined {
  const view = attendeeEventView(context, attendeeId);
  if (!view) return undefined;
  if (view.sandboxStatus === 'waiting')
    return { status: 409, message: 'Your sandbox is not ready yet; the join page tells you when it is.' };
  if (view.ended)
    return {
      status: 403,
      message: `Time is up for "${view.eventName}". Your code and progress are kept; ask your instructor if you need more time.`,
    };
  return undefined;
}
