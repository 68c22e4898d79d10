import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rotateEventSigningKeys, type SigningKeyRotator } from './signing-key-rotation.ts';
import { testEvents } from './test-support/test-events.ts';

const CLIENT = '203.0.113.7';

/** A rotator that records what it was asked; attendees named in `missing` have no sandbox. */
function fakeRotator(missing: readonly string[] = []): SigningKeyRotator & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    rotateUserPoolKeys(attendeeIds) {
      calls.push([...attendeeIds]);
      const known = attendeeIds.filter((id) => !missing.includes(id));
      return {
        rotated: known.map((attendeeId) => ({
          attendeeId,
          userPoolId: `us-east-1_${attendeeId.slice(-6)}`,
          signingKid: `kid-${attendeeId}`,
          publishedKids: [`kid-${attendeeId}`, 'old', 'next'],
        })),
        unknown: attendeeIds.filter((id) => missing.includes(id)),
      };
    },
  };
}

function eventWith(names: readonly string[], overrides: Record<string, unknown> = {}) {
  const events = testEvents();
  const { id, code } = events.event(overrides);
  const ids = names.map((displayName) => {
    const joined = events.join.join({ code, displayName }, CLIENT);
    assert.ok(joined.ok);
    return joined.attendee.id;
  });
  return { events, id, ids };
}

test('rotates every member of the event, or the one named, and logs who did it', () => {
  const { events, id, ids } = eventWith(['Ada', 'Bob']);
  const other = events.event();
  const cy = events.join.join({ code: other.code, displayName: 'Cy' }, CLIENT);
  assert.ok(cy.ok);
  const rotator = fakeRotator();

  const all = rotateEventSigningKeys(events.context, rotator, { eventId: id, body: {}, instructorId: 'ins_test' });
  assert.ok(all.ok);
  assert.deepEqual(
    rotator.calls.map((call) => [...call].sort()),
    [[...ids].sort()],
    "only this event's members, never Cy",
  );
  assert.deepEqual(all.value.rotated.map((pool) => pool.displayName).sort(), ['Ada', 'Bob']);

  const one = rotateEventSigningKeys(events.context, rotator, { eventId: id, body: { attendeeId: ids[1] }, instructorId: 'ins_test' });
  assert.ok(one.ok);
  assert.deepEqual(rotator.calls.at(-1), [ids[1]]);
  assert.equal(one.value.rotated[0]?.signingKid, `kid-${ids[1] ?? ''}`);

  const logged = events.context.db
    .prepare("SELECT attendee_id, detail FROM instructor_actions WHERE action = 'rotate-signing-keys' ORDER BY id")
    .all() as { attendee_id: string | null; detail: string }[];
  assert.deepEqual(
    logged.map((row) => [row.attendee_id, JSON.parse(row.detail) as unknown]),
    [
      [null, { pools: 2, skipped: 0 }],
      [ids[1], { pools: 1, skipped: 0 }],
    ],
  );
});

test('members without a sandbox are reported as skipped', () => {
  const { events, id, ids } = eventWith(['Ada', 'Bob']);
  const result = rotateEventSigningKeys(events.context, fakeRotator([ids[0] ?? '']), { eventId: id, body: {}, instructorId: 'ins_test' });
  assert.ok(result.ok);
  assert.deepEqual(result.value.skipped, [{ attendeeId: ids[0], displayName: 'Ada' }]);
  assert.deepEqual(
    result.value.rotated.map((pool) => pool.displayName),
    ['Bob'],
  );
});

test('refuses malformed input, foreign attendees, unknown events and sandboxes that cannot rotate, without calling the rotator', () => {
  const { events, id } = eventWith(['Ada']);
  const other = events.event();
  const cy = events.join.join({ code: other.code, displayName: 'Cy' }, CLIENT);
  assert.ok(cy.ok);
  const rotator = fakeRotator();
  const refused = (
    eventId: string,
    body: unknown,
    status: number,
    message: RegExp,
    withRotator: SigningKeyRotator | null = rotator,
  ): void => {
    const result = rotateEventSigningKeys(events.context, withRotator ?? undefined, { eventId, body, instructorId: 'ins_test' });
    assert.ok(!result.ok, JSON.stringify(body));
    assert.equal(result.status, status, JSON.stringify(body));
    assert.match(result.message, message);
  };
  refused(id, { attendeeId: cy.attendee.id }, 404, /No such attendee in this event/);
  refused(id, { attendeeId: 'att_nope' }, 404, /No such attendee/);
  refused('evt_nope', {}, 404, /No such event/);
  refused(id, { attendeeId: 42 }, 400, /attendeeId/);
  refused(id, { attendeeId: '' }, 400, /attendeeId/);
  refused(id, { attendeeId: 'x'.repeat(201) }, 400, /attendeeId/);
  refused(id, { all: true }, 400, /all|Unrecognized/i);
  refused(id, null, 400, /object|expected/i);
  refused(id, {}, 409, /local sandboxes only.*no API/, null);
  const aws = events.event({ sandboxMode: 'aws' });
  refused(aws.id, {}, 409, /local sandboxes only/);
  assert.deepEqual(rotator.calls, []);
});
