import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_FILTER, viewRows } from '../../client/dashboard-view.ts';
import type { CheckResultInput } from '../store/index.ts';
import { roomTotals } from './room-totals.ts';
import { testEvents, tinyLab } from './test-support/test-events.ts';

const result = (checkId: string, ok: boolean): CheckResultInput => ({
  checkId,
  status: ok ? 'pass' : 'fail',
  messageKey: 'k',
  explanation: 'e',
});
const ALL = ['made-client', 'got-token', 'called-api'];

/** Ada on b step 2, Bo stuck on a step 1 (three failures), Cy not started, Di finished both labs. */
function room(): ReturnType<typeof testEvents> & { id: string } {
  const events = testEvents({ labs: [tinyLab('a'), tinyLab('b')] });
  const { id, code } = events.event({ labs: ['a', 'b'] });
  const join = (name: string): string => {
    const joined = events.join.join({ code, displayName: name }, 'c');
    assert.ok(joined.ok);
    return joined.attendee.id;
  };
  const check = (who: string, lab: string, passing: readonly string[]): void =>
    events.progress.record(
      who,
      lab,
      ALL.map((c) => result(c, passing.includes(c))),
      events.clock.now,
    );
  const [ada, bo, , di] = ['Ada', 'Bo', 'Cy', 'Di'].map(join);
  check(ada ?? '', 'b', ['made-client']);
  for (let i = 0; i < 3; i += 1) check(bo ?? '', 'a', []);
  check(di ?? '', 'a', ALL);
  check(di ?? '', 'b', ALL);
  return { ...events, id };
}

test('room totals: how many are on each lab and step now, stuck among them, not started and finished', () => {
  const events = room();
  const grid = events.service.grid(events.id);
  assert.ok(grid);
  const totals = roomTotals(grid.labs, grid.rows);
  assert.deepEqual(
    { attendees: totals.attendees, notStarted: totals.notStarted, finished: totals.finished, stuck: totals.stuck },
    { attendees: 4, notStarted: 1, finished: 1, stuck: 1 },
  );
  assert.deepEqual(
    totals.labs.map((lab) => [lab.labId, lab.here, lab.done, lab.steps.map((step) => [step.here, step.stuck])]),
    [
      [
        'a',
        1,
        1,
        [
          [1, 1],
          [0, 0],
        ],
      ],
      [
        'b',
        1,
        1,
        [
          [0, 0],
          [1, 0],
        ],
      ],
    ],
  );
});

test('room view: stuck first, filters by lab, state and name', () => {
  const events = room();
  const rows = events.service.grid(events.id)?.rows ?? [];
  const names = (filter: Partial<typeof DEFAULT_FILTER>): string[] =>
    viewRows(rows, { ...DEFAULT_FILTER, ...filter }, ['a', 'b'], events.clock.now).map((row) => row.displayName);
  assert.equal(names({})[0], 'Bo', 'stuck first');
  assert.deepEqual(names({ sort: 'name' }), ['Ada', 'Bo', 'Cy', 'Di']);
  assert.deepEqual(names({ sort: 'lab' }), ['Cy', 'Bo', 'Ada', 'Di'], 'not started, then by lab and step, finished last');
  assert.deepEqual(names({ lab: 'b', sort: 'name' }), ['Ada', 'Di'], 'everyone who reached lab b: on it, or finished it');
  assert.deepEqual(names({ show: 'stuck' }), ['Bo']);
  assert.deepEqual(names({ show: 'failing', sort: 'name' }), ['Ada', 'Bo']);
  assert.deepEqual(names({ show: 'not-started' }), ['Cy']);
  assert.deepEqual(names({ show: 'finished' }), ['Di']);
  assert.deepEqual(names({ name: ' D ', sort: 'name' }), ['Ada', 'Di'], 'case-insensitive, trimmed');
});
