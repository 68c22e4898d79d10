import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testEvents } from './test-support/test-events.ts';

const base = {
  name: 'SEC301',
  startsAt: Date.UTC(2026, 10, 23, 9),
  endsAt: Date.UTC(2026, 10, 23, 10),
  labs: ['tiny'],
  sandboxMode: 'local',
  capacity: 160,
  stuckAfterMinutes: 10,
};

test('creating an event validates every field and gives it a shared access code', () => {
  const events = testEvents({ sandboxModes: ['local'] });
  const bad = (overrides: Record<string, unknown>, pattern: RegExp): void => {
    const result = events.service.create({ ...base, ...overrides }, 'ins_test');
    assert.ok(!result.ok, JSON.stringify(overrides));
    assert.equal(result.status, 400);
    assert.match(result.message, pattern);
  };
  bad({ name: ' ' }, /name/);
  bad({ endsAt: base.startsAt }, /end after it starts/);
  bad({ labs: [] }, /at least one lab/);
  bad({ labs: ['tiny', 'tiny'] }, /twice/);
  bad({ labs: ['nope'] }, /Unknown lab: nope/);
  bad({ capacity: 0 }, /Capacity/);
  bad({ sandboxMode: 'aws' }, /cannot provide aws sandboxes.*infra\/aws/);
  bad({ extra: true }, /extra|Unrecognized/i);
  const created = events.service.create(base, 'ins_test');
  assert.ok(created.ok);
  assert.deepEqual(created.value.labs, ['tiny']);
  const [code] = events.service.codes(created.value.id);
  assert.equal(code?.kind, 'event');
  assert.equal(code.status, 'active');
  assert.equal(events.service.list()[0]?.code?.code, code.code);
});

test('instructor actions are logged with who did them and announced on the bus', () => {
  const events = testEvents();
  const heard: string[] = [];
  events.bus.subscribe((activity) => heard.push(activity.type));
  const { id } = events.event();
  events.service.extend(id, 5, 'ins_test');
  events.service.close(id, 'ins_test');
  const actions = events.context.db.prepare('SELECT action, instructor_id FROM instructor_actions ORDER BY id').all() as {
    action: string;
    instructor_id: string;
  }[];
  assert.deepEqual(
    actions.map((row) => row.action),
    ['create-event', 'extend-event', 'close-event'],
  );
  assert.ok(actions.every((row) => row.instructor_id === 'ins_test'));
  assert.deepEqual(heard, ['changed', 'changed', 'changed']);
});

test('extending an event that already ended counts from now', () => {
  const events = testEvents();
  const { id } = events.event();
  events.clock.now += 2 * 3_600_000;
  const extended = events.service.extend(id, 10, 'ins_test');
  assert.ok(extended.ok);
  assert.equal(extended.value.endsAt, events.clock.now + 10 * 60_000);
});

test('revoking a code stops it; revoking twice says so; codes of other events are out of reach', () => {
  const events = testEvents();
  const one = events.event();
  const two = events.event({ name: 'Other' });
  assert.equal(events.service.revokeCode(one.id, two.code, 'ins_test').ok, false, "cannot revoke another event's code via this event");
  assert.ok(events.service.revokeCode(one.id, one.code, 'ins_test').ok);
  const again = events.service.revokeCode(one.id, one.code, 'ins_test');
  assert.ok(!again.ok);
  assert.equal(again.status, 409);
  const join = events.join.join({ code: one.code, displayName: 'Ada' }, 'c');
  assert.ok(!join.ok);
  assert.equal(join.reason, 'code-revoked');
});

test('attendee actions only reach attendees of the event in the URL', async () => {
  const events = testEvents();
  const one = events.event();
  const two = events.event({ name: 'Other' });
  const ada = events.join.join({ code: two.code, displayName: 'Ada' }, 'c');
  assert.ok(ada.ok);
  assert.equal(events.attendees.detail(one.id, ada.attendee.id), undefined);
  assert.equal(events.attendees.unlock(one.id, ada.attendee.id, 'tiny', 1, 'ins_test').ok, false);
  assert.equal(events.attendees.extend(one.id, ada.attendee.id, 5, 'ins_test').ok, false);
  assert.equal((await events.attendees.resetSandbox(one.id, ada.attendee.id, 'ins_test')).ok, false);
  assert.deepEqual(events.resets, []);
  assert.ok((await events.attendees.resetSandbox(two.id, ada.attendee.id, 'ins_test')).ok);
  assert.deepEqual(events.resets, [ada.attendee.id]);
});

test('unlocking "up to step N" shows as unlocked, never as passed, and real passes still count', () => {
  const events = testEvents();
  const { id, code } = events.event();
  const ada = events.join.join({ code, displayName: 'Ada' }, 'c');
  assert.ok(ada.ok);
  assert.equal(events.attendees.unlock(id, ada.attendee.id, 'tiny', 9, 'ins_test').ok, false, 'the lab has 2 steps');
  const unlocked = events.attendees.unlock(id, ada.attendee.id, 'tiny', 1, 'ins_test');
  assert.ok(unlocked.ok);
  assert.equal(unlocked.value.cells['tiny/made-client'], 'unlocked');
  assert.equal(unlocked.value.passed, 0);
  assert.equal(unlocked.value.current?.step, 2, 'the attendee moves on to step 2');
  assert.deepEqual(events.progress.forAttendee(ada.attendee.id), [], 'no check result was written');
  events.progress.record(
    ada.attendee.id,
    'tiny',
    [{ checkId: 'made-client', status: 'pass', messageKey: 'k', explanation: 'ok' }],
    events.clock.now,
  );
  assert.equal(events.service.row(id, ada.attendee.id)?.cells['tiny/made-client'], 'pass');
  assert.equal(events.view(ada.attendee.id)?.unlocks[0]?.upToStep, 1);
});

test("the detail view has the attendee's code, last run and last results", () => {
  const events = testEvents();
  const { id, code } = events.event();
  const ada = events.join.join({ code, displayName: 'Ada' }, 'c');
  assert.ok(ada.ok);
  const detail = events.attendees.detail(id, ada.attendee.id);
  assert.equal(detail?.labs[0]?.files, null);
  assert.equal(detail.labs[0].lastRun, null);
  assert.deepEqual(
    detail.labs[0].steps.map((step) => step.number),
    [1, 2],
  );
});
