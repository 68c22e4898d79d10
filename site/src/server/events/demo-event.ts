import type { EventService } from './event-service.ts';
import type { EventContext } from './event-context.ts';
import type { WorkshopEvent } from '../store/index.ts';

const DEMO_HOURS = 3;

/**
 * Local mode's demo event, so `npm start` prints a code to try the attendee
 * side at once. Created on first start, then reused (same event, same code).
 * While it is open, each start moves its end to at least three hours away,
 * so the printed code always works; a demo the instructor closed stays closed.
 */
export function ensureDemoEvent(
  context: EventContext,
  service: EventService,
  instructorId: string,
): { event: WorkshopEvent; code: string | undefined } {
  const now = context.now();
  let event = context.events.demo();
  if (!event) {
    const created = service.create(
      {
        name: 'Demo event',
        startsAt: now,
        endsAt: now + DEMO_HOURS * 3_600_000,
        labs: context.labs.map((lab) => lab.definition.id),
        sandboxMode: 'local',
        capacity: 200,
        stuckAfterMinutes: 10,
      },
      instructorId,
      { isDemo: true },
    );
    if (!created.ok) throw new Error(`Could not create the demo event: ${created.message}`);
    event = created.value;
  } else if (event.status === 'open' && event.endsAt < now + DEMO_HOURS * 3_600_000) {
    context.events.setEndsAt(event.id, now + DEMO_HOURS * 3_600_000);
    event = context.events.get(event.id) ?? event;
  }
  return { event, code: context.codes.activeEventCode(event.id)?.code };
}
