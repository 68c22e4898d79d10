import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventTimeZone, isoInZone, parseTimeZone, wallTimeInZone } from './time-zone.ts';

test('an IANA zone is taken under its canonical name', () => {
  assert.deepEqual(parseTimeZone('Europe/Berlin'), { ok: true, timeZone: 'Europe/Berlin' });
  assert.deepEqual(parseTimeZone(' europe/berlin '), { ok: true, timeZone: 'Europe/Berlin' });
  assert.deepEqual(parseTimeZone('UTC'), { ok: true, timeZone: 'UTC' });
  assert.deepEqual(parseTimeZone('US/Pacific'), { ok: true, timeZone: 'America/Los_Angeles' });
});

test('anything else is refused, saying what a zone looks like', () => {
  for (const bad of ['', 'Mars/Olympus_Mons', '+01:00', 'GMT+1 ', 'Europe/Berlin; DROP', '../etc', 'x'.repeat(65), 1, null, {}]) {
    const result = parseTimeZone(bad);
    assert.ok(!result.ok, JSON.stringify(bad));
    assert.match(result.message, /^timeZone: .*IANA time zone name like Europe\/Berlin/);
  }
});

test("events without a zone keep the server's", () => {
  assert.equal(eventTimeZone({ timeZone: null }, 'Asia/Tokyo'), 'Asia/Tokyo');
  assert.equal(eventTimeZone({ timeZone: 'Europe/Berlin' }, 'Asia/Tokyo'), 'Europe/Berlin');
});

test("a typed start is read in the event's zone, across summer time", () => {
  assert.equal(wallTimeInZone('2026-12-02T14:05', 'Europe/Berlin'), Date.UTC(2026, 11, 2, 13, 5));
  assert.equal(wallTimeInZone('2026-07-02T14:05', 'Europe/Berlin'), Date.UTC(2026, 6, 2, 12, 5));
  assert.equal(wallTimeInZone('2026-12-02T14:05', 'America/New_York'), Date.UTC(2026, 11, 2, 19, 5));
  assert.equal(wallTimeInZone('2026-12-02T14:05', 'UTC'), Date.UTC(2026, 11, 2, 14, 5));
  assert.ok(Number.isNaN(wallTimeInZone('tomorrow', 'UTC')));
});

test('ISO times in the zone carry its offset', () => {
  assert.equal(isoInZone(Date.UTC(2026, 11, 2, 20, 5), 'Europe/Berlin'), '2026-12-02T21:05:00+01:00');
  assert.equal(isoInZone(Date.UTC(2026, 11, 2, 20, 5), 'America/St_Johns'), '2026-12-02T16:35:00-03:30');
  assert.equal(isoInZone(Date.UTC(2026, 11, 2, 20, 5), 'UTC'), '2026-12-02T20:05:00+00:00');
});
