import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckResultInput } from '../store/index.ts';
import { testEvents, tinyLab } from './test-support/test-events.ts';

const MIN = 60_000;
const result = (checkId: string, ok: boolean): CheckResultInput => ({
  checkId,
  status: ok ? 'pass' : 'fail',
  messageKey: 'k',
  explanation: ok ? 'ok' : `${checkId} is not there yet`,
});

/** Three tiny labs (steps: 1 = made-client, 2 = got-token + called-api), done in the event's order a, b, c. */
function room(): {
  events: ReturnType<typeof testEvents>;
  id: string;
  join: (name: string) => string;
  run: (attendeeId: string, labId: string) => void;
  check: (attendeeId: string, labId: string, passing: readonly string[]) => void;
} {
  const events = testEvents({ labs: [tinyLab('a'), tinyLab('b'), tinyLab('c')] });
  const { id, code } = events.event({ labs: ['a', 'b', 'c'], stuckAfterMinutes: 10 });
  return {
    events,
    id,
    join: (name) => {
      const joined = events.join.join({ code, displayName: name }, 'c');
      assert.ok(joined.ok);
      return joined.attendee.id;
    },
    run: (attendeeId, labId) =>
      events.runs.record(attendeeId, labId, {
        exitCode: 1,
        timedOut: false,
        durationMs: 5,
        stdout: '',
        stderr: '',
        startedAt: events.clock.now,
      }),
    check: (attendeeId, labId, passing) =>
      events.progress.record(
        attendeeId,
        labId,
        ['made-client', 'got-token', 'called-api'].map((checkId) => result(checkId, passing.includes(checkId))),
        events.clock.now,
      ),
  };
}

test('current step: the first lab of the event before anything happened, marked not started', () => {
  const { events, id, join } = room();
  const ada = join('Ada');
  const row = events.service.row(id, ada);
  assert.equal(row?.current?.labId, 'a');
  assert.equal(row.current.step, 1);
  assert.equal(row.current.started, false);
  assert.deepEqual(
    row.labs.map((lab) => lab.steps),
    [
      ['not-reached', 'not-reached'],
      ['not-reached', 'not-reached'],
      ['not-reached', 'not-reached'],
    ],
  );
});

test('current step comes from what the attendee did last, not from the event order', () => {
  const { events, id, join, run, check } = room();
  const ada = join('Ada');
  events.clock.now += MIN;
  run(ada, 'c');
  events.clock.now += MIN;
  check(ada, 'c', ['made-client']);
  const row = events.service.row(id, ada);
  assert.equal(row?.current?.labId, 'c', 'working on lab c although a and b come first');
  assert.equal(row.current.step, 2);
  assert.equal(row.current.since, events.clock.now, 'on step 2 since step 1 passed');
  // Steps nobody reached are not "failing", even though the Check judged them.
  assert.deepEqual(row.labs[2]?.steps, ['passed', 'failing']);
  assert.deepEqual(row.labs[0]?.steps, ['not-reached', 'not-reached']);
  assert.deepEqual(row.lastFailing, {
    checkId: 'got-token',
    title: 'Title of got-token',
    failures: 1,
    explanation: 'got-token is not there yet',
  });

  // Going back to lab a makes it current (the latest activity wins).
  events.clock.now += MIN;
  run(ada, 'a');
  assert.equal(events.service.row(id, ada)?.current?.labId, 'a');
  assert.equal(events.service.row(id, ada)?.current?.step, 1);
});

test('a finished lab moves the attendee on to the next unfinished lab, from the moment they finished', () => {
  const { events, id, join, run, check } = room();
  const ada = join('Ada');
  run(ada, 'b');
  events.clock.now += 2 * MIN;
  check(ada, 'b', ['made-client', 'got-token', 'called-api']);
  const finishedAt = events.clock.now;
  events.clock.now += 3 * MIN;
  const row = events.service.row(id, ada);
  assert.deepEqual(row?.labs[1]?.steps, ['passed', 'passed']);
  assert.equal(row.current?.labId, 'c', 'after b comes c');
  assert.equal(row.current.since, finishedAt);
  assert.equal(row.finished, false);
  for (const lab of ['a', 'c']) check(ada, lab, ['made-client', 'got-token', 'called-api']);
  assert.equal(events.service.row(id, ada)?.current, null);
  assert.equal(events.service.row(id, ada)?.finished, true);
});

test('stuck, rule 1: no progress on the current step for the threshold, counted from when that step began', () => {
  const { events, id, join, run, check } = room();
  const ada = join('Ada');
  events.clock.now += 20 * MIN; // idle since joining: stuck on lab a, step 1
  assert.deepEqual(events.service.row(id, ada)?.stuck, { reason: 'no-progress', minutes: 20 });
  run(ada, 'b'); // starts lab b now: a fresh step, a fresh clock
  assert.equal(events.service.row(id, ada)?.stuck, null);
  events.clock.now += 9 * MIN;
  check(ada, 'b', []);
  assert.equal(events.service.row(id, ada)?.stuck, null, '9 minutes on the step');
  events.clock.now += MIN;
  assert.deepEqual(events.service.row(id, ada)?.stuck, { reason: 'no-progress', minutes: 10 });
  check(ada, 'b', ['made-client']); // progress: step 2 starts now
  assert.equal(events.service.row(id, ada)?.stuck, null);
});

test('stuck, rule 2: the same check of the current step failing three Checks in a row, with Check alone or after a Run', () => {
  const { events, id, join, run, check } = room();
  const ada = join('Ada');
  const bo = join('Bo');
  // Ada is on lab c (the event's last), step 2; lab a's step 1 is untouched.
  run(ada, 'c');
  check(ada, 'c', ['made-client']);
  check(ada, 'c', ['made-client']);
  assert.equal(events.service.row(id, ada)?.stuck, null, 'two failures are not three');
  check(ada, 'c', ['made-client', 'called-api']); // Check alone
  assert.deepEqual(events.service.row(id, ada)?.stuck, { reason: 'repeated-failures', checkId: 'got-token', failures: 3 });
  for (let i = 0; i < 3; i += 1) {
    run(ada, 'c'); // Run + Check
    check(ada, 'c', ['made-client', 'called-api']);
  }
  assert.deepEqual(events.service.row(id, ada)?.stuck, { reason: 'repeated-failures', checkId: 'got-token', failures: 6 });
  assert.equal(events.service.row(id, bo)?.stuck, null, 'the other attendee is unaffected');
  check(ada, 'c', ['made-client', 'got-token', 'called-api']);
  assert.equal(events.service.row(id, ada)?.stuck, null, 'passing clears it');
  // Failures of a later step never count: Bo fails step 2's checks while still on step 1.
  for (let i = 0; i < 3; i += 1) check(bo, 'a', ['got-token']);
  assert.deepEqual(events.service.row(id, bo)?.stuck, { reason: 'repeated-failures', checkId: 'made-client', failures: 3 });
  assert.deepEqual(events.service.row(id, bo)?.labs[0]?.steps, ['failing', 'not-reached']);
});

test('room grid: labs with steps and checks, one row per attendee', () => {
  const { events, id, join } = room();
  join('Ada');
  join('Bo');
  const grid = events.service.grid(id);
  assert.deepEqual(
    grid?.labs.map((lab) => [lab.labId, lab.steps.map((step) => step.checks.map((c) => c.id))]),
    [
      ['a', [['made-client'], ['got-token', 'called-api']]],
      ['b', [['made-client'], ['got-token', 'called-api']]],
      ['c', [['made-client'], ['got-token', 'called-api']]],
    ],
  );
  assert.equal(grid.rows.length, 2);
});
