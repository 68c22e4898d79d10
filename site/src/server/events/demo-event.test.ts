import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ensureDemoEvent } from './demo-event.ts';
import { testEvents } from './test-support/test-events.ts';

test('the demo event is created once, keeps its code, stays joinable, and stays closed if closed', () => {
  const events = testEvents();
  const first = ensureDemoEvent(events.context, events.service, 'ins_local');
  assert.equal(first.event.isDemo, true);
  assert.ok(first.code);
  events.clock.now += 5 * 3_600_000;
  const second = ensureDemoEvent(events.context, events.service, 'ins_local');
  assert.equal(second.event.id, first.event.id);
  assert.equal(second.code, first.code);
  assert.ok(second.event.endsAt >= events.clock.now + 3 * 3_600_000, 'moved to three hours away');
  assert.equal(events.service.list().length, 1);
  events.service.close(first.event.id, 'ins_local');
  assert.equal(ensureDemoEvent(events.context, events.service, 'ins_local').event.status, 'closed');
});
