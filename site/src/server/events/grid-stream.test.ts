import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gridStream } from './grid-stream.ts';
import { testEvents } from './test-support/test-events.ts';

/** Reads server-sent events off the stream as { type, data } objects. */
function reader(stream: ReadableStream<Uint8Array>) {
  const bytes = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return async (): Promise<{ type: string; data: unknown }> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const type = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (type && data) return { type, data: JSON.parse(data) as unknown };
        continue;
      }
      const { value, done } = await bytes.read();
      if (done) throw new Error('stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
}

test("the dashboard stream sends a snapshot, then rows of this event's attendees as they act, and lets go on disconnect", async () => {
  const events = testEvents();
  const one = events.event();
  const other = events.event({ name: 'Other' });
  const ada = events.join.join({ code: one.code, displayName: 'Ada' }, 'c');
  const eve = events.join.join({ code: other.code, displayName: 'Eve' }, 'c');
  assert.ok(ada.ok && eve.ok);
  const abort = new AbortController();
  const next = reader(gridStream(events, one.id, abort.signal));
  const first = await next();
  assert.equal(first.type, 'snapshot');
  assert.equal((first.data as { rows: unknown[] }).rows.length, 1);
  assert.equal(events.bus.listenerCount, 1);

  // Another event's attendee acting sends nothing; ours sends their fresh row.
  events.bus.publish({ type: 'checked', attendeeId: eve.attendee.id, labId: 'tiny', at: events.clock.now });
  events.progress.record(
    ada.attendee.id,
    'tiny',
    [{ checkId: 'made-client', status: 'pass', messageKey: 'k', explanation: 'ok' }],
    events.clock.now,
  );
  events.bus.publish({ type: 'checked', attendeeId: ada.attendee.id, labId: 'tiny', at: events.clock.now });
  const row = await next();
  assert.equal(row.type, 'row');
  const data = row.data as { row: { attendeeId: string; cells: Record<string, string> } };
  assert.equal(data.row.attendeeId, ada.attendee.id);
  assert.equal(data.row.cells['tiny/made-client'], 'pass');

  // A join is an event-level change: a new snapshot with both attendees.
  assert.ok(events.join.join({ code: one.code, displayName: 'Bo' }, 'c').ok);
  const snapshot = await next();
  assert.equal(snapshot.type, 'snapshot');
  assert.equal((snapshot.data as { rows: unknown[] }).rows.length, 2);

  abort.abort();
  assert.equal(events.bus.listenerCount, 0, 'unsubscribed from the bus');
});
