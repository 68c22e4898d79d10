import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateAccessCode } from './access-code.ts';
import { testEvents } from './test-support/test-events.ts';

const CLIENT = '198.51.100.7';

/** An AWS-mode event as the database holds it after a session in AWS mode, whatever this server runs now. */
function awsEventIn(events: ReturnType<typeof testEvents>, sandboxes: number): { id: string; code: string } {
  const { context } = events;
  const now = context.now();
  const event = context.events.create(
    {
      name: 'AWS session',
      startsAt: now,
      endsAt: now + 3_600_000,
      labs: ['tiny'],
      sandboxMode: 'aws',
      capacity: 10,
      stuckAfterMinutes: 10,
    },
    now,
  );
  const code = generateAccessCode();
  context.codes.add(code, event.id, 'event', null, now);
  for (let index = 1; index <= sandboxes; index++) context.pool.add(event.id, `sbx-${String(index)}`, now);
  return { id: event.id, code };
}

test('an AWS-mode attendee on a server without AWS mode has no sandbox: a 503 with Retry-After that says so, before any time check', () => {
  const events = testEvents({ sandboxModes: ['local'] });
  const { code } = awsEventIn(events, 1);
  const joined = events.join.join({ code, displayName: 'Zed' }, CLIENT);
  assert.ok(joined.ok);
  assert.equal(joined.sandboxStatus, 'ready', 'the sandbox was claimed; this server just cannot reach it');
  const refusal = events.sandboxRefusal(joined.attendee.id);
  assert.equal(refusal?.status, 503);
  assert.equal(refusal.reason, 'mode-unavailable');
  assert.ok(refusal.retryAfterSeconds !== undefined && refusal.retryAfterSeconds > 0);
  assert.match(refusal.message, /not ready yet.*without AWS mode/);
  assert.deepEqual(events.sandboxUnavailable(joined.attendee.id), refusal);
  events.clock.now += 2 * 3_600_000;
  assert.equal(events.sandboxRefusal(joined.attendee.id)?.reason, 'mode-unavailable', 'what to fix first: the server, not the time');
});

test('with AWS mode on: a waiting attendee gets the 409, a ready one none; time up refuses Run and Check but leaves the sandbox readable', () => {
  const events = testEvents({ sandboxModes: ['local', 'aws'] });
  const { code } = awsEventIn(events, 1);
  const ready = events.join.join({ code, displayName: 'Ada' }, CLIENT);
  const waiting = events.join.join({ code, displayName: 'Bo' }, CLIENT);
  assert.ok(ready.ok && waiting.ok);
  assert.equal(events.sandboxUnavailable(ready.attendee.id), undefined);
  assert.deepEqual(events.sandboxUnavailable(waiting.attendee.id), {
    reason: 'waiting',
    status: 409,
    message: 'Your sandbox is not ready yet; the join page tells you when it is.',
  });
  events.clock.now += 2 * 3_600_000;
  assert.equal(events.sandboxRefusal(ready.attendee.id)?.reason, 'time-up');
  assert.equal(events.sandboxUnavailable(ready.attendee.id), undefined, 'the Wire view still reads it');
  const selfPaced = events.attendeesStore.createSelfPaced().attendee;
  assert.equal(events.sandboxUnavailable(selfPaced.id), undefined);
});
