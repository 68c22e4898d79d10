import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAccessCode, generateAccessCode } from './access-code.ts';
import { JOIN_LIMITS } from './join-guard.ts';
import { testEvents } from './test-support/test-events.ts';

const CLIENT = '203.0.113.7';

test('a code and a name make an attendee with a session and a resume secret shown once', () => {
  const events = testEvents();
  const { id, code } = events.event();
  const joined = events.join.join({ code: formatAccessCode(code).toLowerCase(), displayName: '  Ada   Lovelace ' }, CLIENT);
  assert.ok(joined.ok);
  assert.equal(joined.attendee.displayName, 'Ada Lovelace');
  assert.equal(joined.attendee.kind, 'event');
  assert.equal(joined.sandboxStatus, 'ready');
  assert.match(joined.resumeSecret ?? '', /^([0-9A-Z]{4}-){4}[0-9A-Z]{4}$/);
  assert.equal(events.attendeesStore.resolveSession(joined.sessionToken)?.id, joined.attendee.id);
  assert.equal(events.view(joined.attendee.id)?.eventId, id);
  const stored = events.context.db.prepare('SELECT resume_hash FROM event_attendees').get() as { resume_hash: string };
  assert.ok(!stored.resume_hash.includes(joined.resumeSecret ?? '-'), 'only a hash of the secret is stored');
});

test('wrong codes get clear messages; typos and malformed codes never count towards the rate limit', () => {
  const events = testEvents();
  const { code } = events.event();
  const typo = `${code.slice(0, 12)}${code[12] === '0' ? '1' : '0'}`;
  for (let i = 0; i < 30; i += 1) {
    const result = events.join.join({ code: typo, displayName: 'Ada' }, CLIENT);
    assert.ok(!result.ok);
    assert.equal(result.reason, 'code-typo');
    assert.match(result.message, /typo/);
  }
  assert.ok(events.join.join({ code, displayName: 'Ada' }, CLIENT).ok, 'typos did not lock the room out');
  const short = events.join.join({ code: 'ABCD-EFGH', displayName: 'Bo' }, CLIENT);
  assert.ok(!short.ok);
  assert.match(short.message, /13 characters/);
  const unknown = events.join.join({ code: generateAccessCode(), displayName: 'Bo' }, CLIENT);
  assert.ok(!unknown.ok);
  assert.equal(unknown.status, 404);
  assert.match(unknown.message, /does not open any event/);
});

test('repeated wrong codes from one client are rate-limited, others are not, and the limit expires', () => {
  const events = testEvents();
  const { code } = events.event();
  const limits = JOIN_LIMITS.perAddress + JOIN_LIMITS.overflow;
  for (let i = 0; i < limits; i += 1)
    assert.equal((events.join.join({ code: generateAccessCode(), displayName: 'X' }, CLIENT) as { status: number }).status, 404);
  const limited = events.join.join({ code, displayName: 'Ada' }, CLIENT);
  assert.ok(!limited.ok);
  assert.equal(limited.status, 429);
  assert.ok((limited.retryAfterMs ?? 0) > 0);
  assert.ok(events.join.join({ code, displayName: 'Ada' }, '198.51.100.1').ok, 'another client is unaffected');
  events.clock.now += 11 * 60_000;
  assert.ok(events.join.join({ code, displayName: 'Bo' }, CLIENT).ok, 'the window slid past the failures');
});

test('a rotated code explains itself; the new one works; joined attendees stay', () => {
  const events = testEvents();
  const { id, code } = events.event();
  const ada = events.join.join({ code, displayName: 'Ada' }, CLIENT);
  assert.ok(ada.ok);
  const rotated = events.service.rotateCode(id, 'ins_test');
  assert.ok(rotated.ok);
  const old = events.join.join({ code, displayName: 'Bo' }, CLIENT);
  assert.ok(!old.ok);
  assert.equal(old.status, 410);
  assert.match(old.message, /replaced by a new one/);
  assert.ok(events.join.join({ code: rotated.value.code, displayName: 'Bo' }, CLIENT).ok);
  assert.equal(events.attendeesStore.resolveSession(ada.sessionToken)?.id, ada.attendee.id);
});

test('a closed event refuses new joins but keeps attendees and progress', () => {
  const events = testEvents();
  const { id, code } = events.event();
  const ada = events.join.join({ code, displayName: 'Ada' }, CLIENT);
  assert.ok(ada.ok);
  events.progress.record(
    ada.attendee.id,
    'tiny',
    [{ checkId: 'made-client', status: 'pass', messageKey: 'k', explanation: 'ok' }],
    events.clock.now,
  );
  assert.ok(events.service.close(id, 'ins_test').ok);
  const refused = events.join.join({ code, displayName: 'Bo' }, CLIENT);
  assert.ok(!refused.ok);
  assert.equal(refused.reason, 'event-closed');
  assert.match(refused.message, /closed/);
  assert.equal(events.service.grid(id)?.rows[0]?.cells['tiny/made-client'], 'pass');
  assert.equal(events.service.list()[0]?.attendees, 1);
});

test('an event that has ended refuses joins; extending it opens them again', () => {
  const events = testEvents();
  const { id, code } = events.event();
  events.clock.now += 61 * 60_000;
  const late = events.join.join({ code, displayName: 'Bo' }, CLIENT);
  assert.ok(!late.ok);
  assert.equal(late.reason, 'event-ended');
  events.service.extend(id, 15, 'ins_test');
  assert.ok(events.join.join({ code, displayName: 'Bo' }, CLIENT).ok);
});

test('capacity is enforced; rejoining does not use a place', () => {
  const events = testEvents();
  const { code } = events.event({ capacity: 2 });
  const ada = events.join.join({ code, displayName: 'Ada' }, CLIENT);
  assert.ok(ada.ok && ada.resumeSecret);
  assert.ok(events.join.join({ code, displayName: 'Bo' }, CLIENT).ok);
  const full = events.join.join({ code, displayName: 'Cy' }, CLIENT);
  assert.ok(!full.ok);
  assert.equal(full.reason, 'event-full');
  const again = events.join.join({ code, displayName: 'ada', resumeSecret: ada.resumeSecret }, CLIENT);
  assert.ok(again.ok);
  assert.equal(again.resumed, true);
});

test('the same name resumes the same attendee only with the resume secret', () => {
  const events = testEvents();
  const { code } = events.event();
  const first = events.join.join({ code, displayName: 'Ada Lovelace' }, CLIENT);
  assert.ok(first.ok && first.resumeSecret);
  const taken = events.join.join({ code, displayName: 'ada  lovelace' }, CLIENT);
  assert.ok(!taken.ok);
  assert.equal(taken.status, 409);
  assert.match(taken.message, /resume secret/);
  const wrong = events.join.join({ code, displayName: 'Ada Lovelace', resumeSecret: 'AAAA-AAAA-AAAA-AAAA-AAAA' }, CLIENT);
  assert.ok(!wrong.ok);
  assert.equal(wrong.status, 403);
  const resumed = events.join.join(
    { code, displayName: 'ADA LOVELACE', resumeSecret: first.resumeSecret.toLowerCase().replaceAll('-', ' ') },
    CLIENT,
  );
  assert.ok(resumed.ok);
  assert.equal(resumed.attendee.id, first.attendee.id);
  assert.equal(resumed.resumeSecret, undefined, 'the secret is never shown again');
  assert.notEqual(resumed.sessionToken, first.sessionToken, 'the new device gets its own session');
});

test('a named code works once; its holder resumes with the secret', () => {
  const events = testEvents();
  const { id } = events.event();
  const issued = events.service.issueNamedCodes(id, ['Grace Hopper'], 'ins_test');
  assert.ok(issued.ok);
  const named = issued.value[0]?.code ?? '';
  const grace = events.join.join({ code: named, displayName: '' }, CLIENT);
  assert.ok(grace.ok && grace.resumeSecret);
  assert.equal(grace.attendee.displayName, 'Grace Hopper', 'the name comes with the code');
  const reuse = events.join.join({ code: named, displayName: 'Mallory' }, CLIENT);
  assert.ok(!reuse.ok);
  assert.equal(reuse.reason, 'code-used');
  const resumed = events.join.join({ code: named, displayName: '', resumeSecret: grace.resumeSecret }, CLIENT);
  assert.ok(resumed.ok);
  assert.equal(resumed.attendee.id, grace.attendee.id);
});

test('display names are checked: empty, too long, control and bidi characters are refused', () => {
  const events = testEvents();
  const { code } = events.event();
  for (const name of ['', '   ', 'x'.repeat(41), 'Ada\u0000', 'Ada\u202Eevil', 42]) {
    const result = events.join.join({ code, displayName: name }, CLIENT);
    assert.ok(!result.ok, JSON.stringify(name));
    assert.equal(result.reason, 'invalid-name');
  }
  const html = events.join.join({ code, displayName: '<img src=x onerror=alert(1)>' }, CLIENT);
  assert.ok(html.ok, 'markup is just text: it is escaped where it is shown');
});

test('AWS mode: an empty pool means a clear wait, and a provisioned sandbox is claimed exactly once', () => {
  const events = testEvents();
  const { id, code } = events.event({ sandboxMode: 'aws' });
  const ada = events.join.join({ code, displayName: 'Ada' }, CLIENT);
  const bo = events.join.join({ code, displayName: 'Bo' }, CLIENT);
  assert.ok(ada.ok && bo.ok);
  assert.equal(ada.sandboxStatus, 'waiting');
  assert.deepEqual(events.join.refreshSandbox(ada.attendee.id), { status: 'waiting', readyInPool: 0 });
  assert.match(events.sandboxRefusal(ada.attendee.id)?.message ?? '', /not ready yet/);
  events.context.pool.add(id, 'sbx-1', events.clock.now); // what the infra/aws provisioner does
  assert.equal(events.join.refreshSandbox(ada.attendee.id)?.status, 'ready');
  assert.equal(events.join.refreshSandbox(bo.attendee.id)?.status, 'waiting', 'the one sandbox went to Ada');
  assert.equal(events.context.members.byAttendee(ada.attendee.id)?.sandboxId, 'sbx-1');
  assert.equal(events.sandboxRefusal(ada.attendee.id), undefined);
});

test('the personal deadline gates Run and Check; extending time reopens them; self-paced attendees are never gated', () => {
  const events = testEvents();
  const { id, code } = events.event();
  const ada = events.join.join({ code, displayName: 'Ada' }, CLIENT);
  assert.ok(ada.ok);
  events.clock.now += 61 * 60_000;
  assert.match(events.sandboxRefusal(ada.attendee.id)?.message ?? '', /Time is up/);
  assert.ok(events.attendees.extend(id, ada.attendee.id, 10, 'ins_test').ok);
  assert.equal(events.sandboxRefusal(ada.attendee.id), undefined);
  assert.equal(events.view(ada.attendee.id)?.deadline, events.clock.now - 61 * 60_000 + 3_600_000 + 10 * 60_000);
  const selfPaced = events.attendeesStore.createSelfPaced().attendee;
  assert.equal(events.sandboxRefusal(selfPaced.id), undefined);
  assert.equal(events.view(selfPaced.id), undefined);
});
