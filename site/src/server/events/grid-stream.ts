import type { ActivityEvent } from './event-bus.ts';
import type { Events } from './index.ts';

const SNAPSHOT_EVERY_MS = 30_000;

/**
 * One dashboard's live feed. It listens on the in-process bus (no database
 * polling), sends only rows of attendees of this event, and lets go of the
 * bus when the browser disconnects.
 */
export function gridStream(
  events: Events,
  eventId: string,
  signal: AbortSignal,
  snapshotEveryMs = SNAPSHOT_EVERY_MS,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let stop = (): void => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (type: string, data: unknown): void => {
        if (open) controller.enqueue(encoder.encode(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`));
      };
      const timeZoneOf = (): string => {
        const event = events.service.get(eventId);
        return event ? events.service.timeZoneOf(event) : events.timeZone;
      };
      const snapshot = (): void =>
        send('snapshot', {
          event: events.service.get(eventId),
          now: events.context.now(),
          timeZone: timeZoneOf(),
          ...events.service.grid(eventId),
        });
      const members = new Map<string, boolean>();
      const isMember = (attendeeId: string): boolean => {
        let known = members.get(attendeeId);
        if (known === undefined) {
          known = events.context.members.byAttendee(attendeeId)?.eventId === eventId;
          members.set(attendeeId, known);
        }
        return known;
      };
      const onActivity = (activity: ActivityEvent): void => {
        if (activity.type === 'changed') {
          if (activity.eventId !== eventId) return;
          if (activity.attendeeId && members.get(activity.attendeeId) === true) {
            send('row', { now: events.context.now(), row: events.service.row(eventId, activity.attendeeId) });
          } else {
            if (activity.attendeeId) members.delete(activity.attendeeId);
            snapshot(); // a join or an event-wide change (closed, extended)
          }
        } else if (isMember(activity.attendeeId)) {
          send('row', { now: events.context.now(), row: events.service.row(eventId, activity.attendeeId) });
        }
      };
      const unsubscribe = events.bus.subscribe(onActivity);
      const timer = setInterval(snapshot, snapshotEveryMs);
      stop = () => {
        if (!open) return;
        open = false;
        unsubscribe();
        clearInterval(timer);
      };
      signal.addEventListener(
        'abort',
        () => {
          stop();
          try {
            controller.close();
          } catch {
            // already closed by a cancel
          }
        },
        { once: true },
      );
      // Tell EventSource to reconnect after 2 s if the connection drops (e.g. a server restart).
      controller.enqueue(encoder.encode('retry: 2000\n\n'));
      snapshot();
    },
    cancel() {
      stop();
    },
  });
}
