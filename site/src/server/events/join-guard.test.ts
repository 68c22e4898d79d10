import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateAccessCode } from './access-code.ts';
import { JOIN_LIMITS } from './join-guard.ts';
import type { JoinFailure, JoinSuccess } from './join-service.ts';
import { testEvents, type TestEvents } from './test-support/test-events.ts';

const ROOM = '203.0.113.7'; // a conference NAT: everyone in the room shares it
const GUESSER = '198.51.100.66';

function guess(events: TestEvents, client: string): JoinSuccess | JoinFailure {
  return events.join.join({ code: generateAccessCode(), displayName: 'Guess' }, client);
}

function status(outcome: JoinSuccess | JoinFailure): number {
  return outcome.ok ? 200 : outcome.status;
}

test('a room of 150 behind one address, with 40 mistyped codes among them, all get in', () => {
  const events = testEvents();
  const { code } = events.event({ capacity: 200 });
  const joined = new Set<string>();
  for (let i = 0; i < 150; i += 1) {
    // Mistypes the check character cannot catch: valid-looking codes of no event.
    if (i % 4 === 0 && i < 160) {
      const wrong = guess(events, ROOM);
      assert.equal(status(wrong), 404);
    }
    const outcome = events.join.join({ code, displayName: `Attendee ${i}` }, ROOM);
    assert.ok(outcome.ok, `attendee ${i}: ${outcome.ok ? '' : outcome.message}`);
    joined.add(outcome.attendee.id);
  }
  assert.equal(joined.size, 150, 'each is a different attendee');
  assert.equal(events.service.list()[0]?.attendees, 150);
});

test('a correct code is accepted from an address that has used up its own budget', () => {
  const events = testEvents();
  const { code } = events.event();
  for (let i = 0; i < JOIN_LIMITS.perAddress; i += 1) assert.equal(status(guess(events, ROOM)), 404);
  const ada = events.join.join({ code, displayName: 'Ada' }, ROOM);
  const bo = events.join.join({ code, displayName: 'Bo' }, ROOM);
  assert.ok(ada.ok && bo.ok, 'two attendees behind the limited address still join');
  assert.notEqual(ada.attendee.id, bo.attendee.id);
  assert.ok(events.attendeesStore.resolveSession(ada.sessionToken)?.id === ada.attendee.id);
});

test('brute force from one address is cut off after its budget and the shared overflow; the room is untouched', () => {
  const events = testEvents();
  const { code } = events.event();
  let compared = 0;
  for (let i = 0; i < 1000; i += 1) {
    const outcome = guess(events, GUESSER);
    if (status(outcome) === 404) compared += 1;
    else assert.equal(status(outcome), 429);
  }
  assert.equal(compared, JOIN_LIMITS.perAddress + JOIN_LIMITS.overflow, 'no more guesses were compared than the budgets allow');
  const cutOff = events.join.join({ code, displayName: 'Mallory' }, GUESSER);
  assert.equal(status(cutOff), 429, 'even a correct code is not looked at any more: the guesser learns nothing');
  assert.ok(!cutOff.ok && (cutOff.retryAfterMs ?? 0) > 0);
  // The room is under its own budget: its typos and its joins are unaffected.
  assert.equal(status(guess(events, ROOM)), 404);
  const ada = events.join.join({ code, displayName: 'Ada' }, ROOM);
  const bo = events.join.join({ code, displayName: 'Bo' }, ROOM);
  assert.ok(ada.ok && bo.ok);
  events.clock.now += JOIN_LIMITS.windowMs + 1;
  assert.equal(status(events.join.join({ code, displayName: 'Cy' }, GUESSER)), 200, 'the window slid past the failures');
});

test('brute force from many addresses is cut off by the global ceiling', () => {
  const events = testEvents();
  const { code } = events.event();
  let compared = 0;
  for (let host = 0; host < 200; host += 1) {
    const client = `2001:db8:${host.toString(16)}::1`; // one /64 each
    for (let i = 0; i < 60; i += 1) {
      const outcome = guess(events, client);
      if (status(outcome) === 404) compared += 1;
      else assert.equal(status(outcome), 429);
    }
  }
  assert.equal(compared, JOIN_LIMITS.total);
  const fresh = events.join.join({ code, displayName: 'Ada' }, '192.0.2.1');
  assert.equal(status(fresh), 429, 'beyond the ceiling nothing is compared, from any address');
  events.clock.now += JOIN_LIMITS.windowMs + 1;
  const ada = events.join.join({ code, displayName: 'Ada' }, '192.0.2.1');
  const bo = events.join.join({ code, displayName: 'Bo' }, ROOM);
  assert.ok(ada.ok && bo.ok, 'joins work again once the attack stops');
});

test('addresses in one IPv6 /64 share a budget', () => {
  const events = testEvents();
  const { code } = events.event();
  for (let i = 0; i < JOIN_LIMITS.perAddress + JOIN_LIMITS.overflow; i += 1)
    assert.equal(status(guess(events, `2001:db8:0:1::${(i + 1).toString(16)}`)), 404);
  assert.equal(status(guess(events, '2001:db8:0:1:ffff::1')), 429, 'a new address in the same /64 gets no new budget');
  const ada = events.join.join({ code, displayName: 'Ada' }, '2001:db8:0:2::1');
  const bo = events.join.join({ code, displayName: 'Bo' }, ROOM);
  assert.ok(ada.ok && bo.ok, 'the next /64 and an IPv4 room are unaffected');
});

test('a restart does not reset the counts: the cut-off address is still refused after reopening the database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-join-limits-'));
  try {
    const path = join(dir, 'keyless.db');
    const clock = { now: Date.UTC(2026, 10, 23, 9, 0) };
    const before = testEvents({ path, clock });
    const { code } = before.event();
    for (let i = 0; i < JOIN_LIMITS.perAddress + JOIN_LIMITS.overflow; i += 1) assert.equal(status(guess(before, GUESSER)), 404);
    assert.ok(before.join.join({ code, displayName: 'Ada' }, ROOM).ok);
    before.context.db.close();

    const after = testEvents({ path, clock });
    assert.equal(status(after.join.join({ code, displayName: 'Mallory' }, GUESSER)), 429);
    const bo = after.join.join({ code, displayName: 'Bo' }, ROOM);
    assert.ok(bo.ok, 'another address still joins after the restart');
    assert.equal(after.service.list()[0]?.attendees, 2, 'Ada, joined before the restart, and Bo');
    after.context.db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
