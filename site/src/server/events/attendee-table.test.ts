import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_FILTER, NO_TABLE, viewRows } from '../../client/dashboard-view.ts';
import type { CheckResultInput } from '../store/index.ts';
import { setAttendeeTable } from './attendee-table.ts';
import { roomTotals } from './room-totals.ts';
import { testEvents } from './test-support/test-events.ts';

const CLIENT = '203.0.113.7';
const failing: CheckResultInput[] = ['made-client', 'got-token', 'called-api'].map((checkId) => ({
  checkId,
  status: 'fail',
  messageKey: 'k',
  explanation: 'no',
}));

test('a table given at join is stored, checked, and shown on the grid row', () => {
  const events = testEvents();
  const { id, code } = events.event();
  const ada = events.join.join({ code, displayName: 'Ada', table: ' b3 ' }, CLIENT);
  assert.ok(ada.ok);
  assert.equal(events.service.row(id, ada.attendee.id)?.table, 'B3');
  const bo = events.join.join({ code, displayName: 'Bo' }, CLIENT);
  assert.ok(bo.ok);
  assert.equal(events.service.row(id, bo.attendee.id)?.table, null, 'the table is optional');
});

test('a malformed table refuses the join with a clear message, and nothing is made', () => {
  const events = testEvents();
  const { id, code } = events.event();
  for (const table of ['<script>', 'x'.repeat(9), 7, '7\n8']) {
    const refused = events.join.join({ code, displayName: 'Ada', table }, CLIENT);
    assert.ok(!refused.ok);
    assert.equal(refused.status, 400);
    assert.equal(refused.reason, 'invalid-table');
    assert.match(refused.message, /like 7 or B3/);
  }
  assert.equal(events.context.members.count(id), 0, 'no attendee was made');
  assert.ok(events.join.join({ code, displayName: 'Ada', table: '7' }, CLIENT).ok, 'and the name is still free, nor was any guess counted');
});

test('resuming on another device with a table moves the attendee there; without one keeps theirs', () => {
  const events = testEvents();
  const { id, code } = events.event();
  const ada = events.join.join({ code, displayName: 'Ada', table: '7' }, CLIENT);
  assert.ok(ada.ok);
  const resumed = events.join.join({ code, displayName: 'Ada', resumeSecret: ada.resumeSecret }, CLIENT);
  assert.ok(resumed.ok);
  assert.equal(events.service.row(id, ada.attendee.id)?.table, '7');
  assert.ok(events.join.join({ code, displayName: 'Ada', resumeSecret: ada.resumeSecret, table: '9' }, CLIENT).ok);
  assert.equal(events.service.row(id, ada.attendee.id)?.table, '9');
  const wrong = events.join.join({ code, displayName: 'Ada', resumeSecret: 'AAAA-AAAA-AAAA-AAAA-AAAA', table: '1' }, CLIENT);
  assert.ok(!wrong.ok);
  assert.equal(events.service.row(id, ada.attendee.id)?.table, '9', 'a wrong secret moves nobody');
});

test('the attendee changes or clears their own table; a malformed one changes nothing', () => {
  const events = testEvents();
  const { id, code } = events.event();
  const ada = events.join.join({ code, displayName: 'Ada', table: '7' }, CLIENT);
  assert.ok(ada.ok);
  assert.deepEqual(setAttendeeTable(events.context, ada.attendee.id, 'a2'), { ok: true, value: { table: 'A2' } });
  const bad = setAttendeeTable(events.context, ada.attendee.id, 'A2; DROP TABLE');
  assert.ok(!bad.ok);
  assert.equal(bad.status, 400);
  assert.equal(events.service.row(id, ada.attendee.id)?.table, 'A2');
  assert.deepEqual(setAttendeeTable(events.context, ada.attendee.id, ''), { ok: true, value: { table: null } });
  const selfPaced = events.attendeesStore.createSelfPaced().attendee;
  assert.equal((setAttendeeTable(events.context, selfPaced.id, '7') as { status: number }).status, 404);
});

test("an instructor sets tables of their event's attendees only: another event's attendee is a 404 and keeps theirs", () => {
  const events = testEvents();
  const a = events.event({ name: 'Event A' });
  const b = events.event({ name: 'Event B' });
  const ada = events.join.join({ code: a.code, displayName: 'Ada', table: '1' }, CLIENT);
  const bo = events.join.join({ code: b.code, displayName: 'Bo', table: '2' }, CLIENT);
  assert.ok(ada.ok && bo.ok);
  const set = events.attendees.setTable(a.id, ada.attendee.id, '4', 'ins_test');
  assert.ok(set.ok);
  assert.equal(set.value.table, '4');
  const across = events.attendees.setTable(a.id, bo.attendee.id, '4', 'ins_test');
  assert.ok(!across.ok);
  assert.equal(across.status, 404);
  assert.equal(events.service.row(b.id, bo.attendee.id)?.table, '2');
  assert.equal(events.attendees.detail(a.id, bo.attendee.id), undefined, "event A's view cannot read Bo");
  const bad = events.attendees.setTable(a.id, ada.attendee.id, '?!', 'ins_test');
  assert.ok(!bad.ok);
  assert.equal(bad.status, 400);
  assert.equal(events.service.row(a.id, ada.attendee.id)?.table, '4');
});

test('room totals per table (stuck among them), and the room view filters and sorts by table', () => {
  const events = testEvents();
  const { id, code } = events.event();
  const join = (displayName: string, table?: string): string => {
    const joined = events.join.join({ code, displayName, ...(table ? { table } : {}) }, CLIENT);
    assert.ok(joined.ok);
    return joined.attendee.id;
  };
  const stuck = join('Zed', '10');
  join('Ada', '10');
  join('Bo', '2');
  join('Cy');
  for (let i = 0; i < 3; i += 1) events.progress.record(stuck, 'tiny', failing, events.clock.now);
  const grid = events.service.grid(id);
  assert.ok(grid);
  const totals = roomTotals(grid.labs, grid.rows);
  assert.deepEqual(totals.tables, [
    { table: '2', attendees: 1, stuck: 0 },
    { table: '10', attendees: 2, stuck: 1 },
  ]);
  assert.equal(totals.noTable, 1);
  const names = (filter: Partial<typeof DEFAULT_FILTER>): string[] =>
    viewRows(grid.rows, { ...DEFAULT_FILTER, ...filter }, ['tiny'], events.clock.now).map((row) => row.displayName);
  assert.deepEqual(names({ table: '10', sort: 'name' }), ['Ada', 'Zed']);
  assert.deepEqual(names({ table: NO_TABLE }), ['Cy']);
  assert.deepEqual(names({ sort: 'table' }), ['Bo', 'Zed', 'Ada', 'Cy'], '2 before 10, stuck first at a table, no table last');
});

test("an event's time zone: checked (400, nothing made), canonical, and the server's for events without one", () => {
  const events = testEvents();
  const before = events.service.list().length;
  const body = { name: 'Zoned', startsAt: 1, endsAt: 2, labs: ['tiny'], sandboxMode: 'local', capacity: 5 };
  for (const timeZone of ['Mars/Base', '+01:00', 12, '']) {
    const refused = events.service.create({ ...body, timeZone }, 'ins_test');
    assert.ok(!refused.ok);
    assert.equal(refused.status, 400);
    assert.match(refused.message, /timeZone: .*IANA time zone name/);
  }
  assert.equal(events.service.list().length, before, 'no event was made');
  const zoned = events.service.create({ ...body, timeZone: 'europe/berlin' }, 'ins_test');
  assert.ok(zoned.ok);
  assert.equal(zoned.value.timeZone, 'Europe/Berlin');
  assert.equal(events.service.timeZoneOf(zoned.value), 'Europe/Berlin');
  const plain = events.service.create(body, 'ins_test');
  assert.ok(plain.ok);
  assert.equal(plain.value.timeZone, null);
  assert.equal(events.service.timeZoneOf(plain.value), events.timeZone);
});
