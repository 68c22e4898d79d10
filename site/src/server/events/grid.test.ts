import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resultsCsv, csvField } from './csv.ts';
import type { CheckResultInput } from '../store/index.ts';
import { testEvents } from './test-support/test-events.ts';

const pass = (checkId: string): CheckResultInput => ({ checkId, status: 'pass', messageKey: 'k', explanation: 'ok' });
const fail = (checkId: string): CheckResultInput => ({ checkId, status: 'fail', messageKey: 'k', explanation: 'no' });

test('grid cells: passed once stays passed; failing; pending; and the current step follows progress', () => {
  const events = testEvents();
  const { id, code } = events.event();
  const ada = events.join.join({ code, displayName: 'Ada' }, 'c');
  assert.ok(ada.ok);
  const record = (results: CheckResultInput[]): void => events.progress.record(ada.attendee.id, 'tiny', results, events.clock.now);
  record([pass('made-client'), fail('got-token'), fail('called-api')]);
  record([fail('made-client'), fail('got-token'), fail('called-api')]);
  const grid = events.service.grid(id);
  assert.deepEqual(
    grid?.columns.map((column) => column.key),
    ['tiny/made-client', 'tiny/got-token', 'tiny/called-api'],
  );
  const row = grid.rows[0];
  assert.deepEqual(row?.cells, { 'tiny/made-client': 'pass', 'tiny/got-token': 'fail', 'tiny/called-api': 'fail' });
  assert.equal(row.passed, 1);
  assert.equal(row.total, 3);
  assert.equal(row.current?.stepTitle, 'Token and call');
  record([pass('made-client'), pass('got-token'), pass('called-api')]);
  assert.equal(events.service.row(id, ada.attendee.id)?.finished, true);
});

test("stuck: repeated failures of a check on the current step, or no progress for the event's threshold", () => {
  const events = testEvents();
  const { id, code } = events.event({ stuckAfterMinutes: 10 });
  const ada = events.join.join({ code, displayName: 'Ada' }, 'c');
  assert.ok(ada.ok);
  const check = (results: CheckResultInput[]): void => events.progress.record(ada.attendee.id, 'tiny', results, events.clock.now);
  check([pass('made-client'), fail('got-token'), fail('called-api')]);
  check([pass('made-client'), fail('got-token'), pass('called-api')]);
  assert.equal(events.service.row(id, ada.attendee.id)?.stuck, null, 'two failures in a row is not stuck yet');
  check([pass('made-client'), fail('got-token'), pass('called-api')]);
  assert.deepEqual(events.service.row(id, ada.attendee.id)?.stuck, { reason: 'repeated-failures', checkId: 'got-token', failures: 3 });
  check([pass('made-client'), pass('got-token'), pass('called-api')]);
  assert.equal(events.service.row(id, ada.attendee.id)?.stuck, null, 'finished');

  const bo = events.join.join({ code, displayName: 'Bo' }, 'c');
  assert.ok(bo.ok);
  events.clock.now += 9 * 60_000;
  assert.equal(events.service.row(id, bo.attendee.id)?.stuck, null);
  events.clock.now += 60_000;
  assert.deepEqual(events.service.row(id, bo.attendee.id)?.stuck, { reason: 'no-progress', minutes: 10 });
});

test('CSV export: one row per attendee, unlocks marked as such, names cannot become spreadsheet formulas', () => {
  const events = testEvents();
  const { id, code } = events.event();
  const evil = events.join.join({ code, displayName: '=HYPERLINK("http://x","y")', table: 'b3' }, 'c');
  assert.ok(evil.ok);
  events.progress.record(evil.attendee.id, 'tiny', [pass('made-client')], events.clock.now);
  events.attendees.unlock(id, evil.attendee.id, 'tiny', 2, 'ins_test');
  const grid = events.service.grid(id);
  assert.ok(grid);
  const csv = resultsCsv(grid.columns, grid.rows, 'Europe/Berlin');
  const [header, row] = csv.split('\r\n');
  assert.equal(
    header,
    'attendee,joined_at,checks_passed,checks_total,finished,tiny/made-client,tiny/got-token,tiny/called-api,table,time_zone',
  );
  // Joined at 09:00 UTC (the test clock): 10:00 on the event's wall clock, with its offset; the zone is named at the end.
  assert.match(row ?? '', /^"'=HYPERLINK\(""http:\/\/x"",""y""\)",2026-11-23T10:00:00\+01:00,/);
  assert.match(row ?? '', /,1,3,yes,pass,unlocked-by-instructor,unlocked-by-instructor,B3,Europe\/Berlin$/);
  assert.equal(csvField('+1'), "'+1");
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('plain'), 'plain');
});
