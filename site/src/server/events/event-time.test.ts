import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, formatEventDateTime, formatEventTime, zoneName } from './event-time.ts';

const at = Date.UTC(2026, 11, 2, 20, 5);

test("event times: one 24-hour format in the event's zone, with the zone's name", () => {
  assert.equal(formatEventTime(at, 'UTC'), '20:05');
  assert.equal(formatEventTime(at, 'Europe/Berlin'), '21:05');
  assert.equal(formatEventTime(at, 'America/New_York'), '15:05');
  assert.equal(formatEventDateTime(at, 'Europe/Berlin'), 'Wed, 2 Dec 2026, 21:05');
  assert.equal(zoneName(at, 'UTC'), 'UTC');
  assert.match(zoneName(at, 'Europe/Berlin'), /^(CET|GMT\+1)$/);
});

test('time on a step: minutes, then hours and minutes', () => {
  assert.equal(formatDuration(59_999), '0 min');
  assert.equal(formatDuration(12 * 60_000), '12 min');
  assert.equal(formatDuration(65 * 60_000), '1 h 05 min');
  assert.equal(formatDuration(-5), '0 min');
});
