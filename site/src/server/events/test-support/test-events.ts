/** Test helpers: an in-memory event context over a tiny two-step lab, with a controllable clock. */
import type { Lab } from '@keyless/labs';
import type { SandboxMode } from '@keyless/labs/sandbox';
import { AttendeeStore, openSiteDatabase, ProgressStore, RunStore, WorkspaceStore } from '../../store/index.ts';
import { createEvents, type Events } from '../index.ts';

export function tinyLab(id = 'tiny'): Lab {
  const checks = ['made-client', 'got-token', 'called-api'].map((checkId) => ({
    id: checkId,
    kind: 'fixture',
    title: `Title of ${checkId}`,
    with: {},
    hint: 'try',
  }));
  return {
    folder: `01-${id}`,
    dir: `/nowhere/01-${id}`,
    definition: {
      id,
      title: `Lab ${id}`,
      summary: 's',
      mechanism: 'sts',
      minutes: 5,
      prerequisites: [],
      objectives: ['o'],
      needs: ['cognito'],
      entry: 'main.ts',
      checks,
    },
    steps: [
      {
        slug: '01-one',
        number: 1,
        file: '01-one.mdx',
        frontmatter: { title: 'Make a client', checks: ['made-client'], minutes: 2, stretch: false },
      },
      {
        slug: '02-two',
        number: 2,
        file: '02-two.mdx',
        frontmatter: { title: 'Token and call', checks: ['got-token', 'called-api'], minutes: 3, stretch: false },
      },
    ],
    starter: { 'main.ts': '// starter' },
    solution: { 'main.ts': '// solution' },
  } as unknown as Lab;
}

export interface TestEvents extends Events {
  readonly clock: { now: number };
  readonly attendeesStore: AttendeeStore;
  readonly progress: ProgressStore;
  readonly runs: RunStore;
  readonly resets: string[];
  /** Creates an open local event over the tiny lab; returns its id and shared code. */
  event(overrides?: Record<string, unknown>): { id: string; code: string };
}

/** `path`: a database file instead of memory (to close and reopen it, as a restart does); `clock`: share one across reopenings. */
export function testEvents(
  options: { sandboxModes?: SandboxMode[]; path?: string; clock?: { now: number }; labs?: Lab[] } = {},
): TestEvents {
  const clock = options.clock ?? { now: Date.UTC(2026, 10, 23, 9, 0) };
  const db = openSiteDatabase(options.path ?? ':memory:');
  const attendees = new AttendeeStore(db, () => clock.now);
  const progress = new ProgressStore(db);
  const resets: string[] = [];
  const runs = new RunStore(db);
  const events = createEvents({
    db,
    attendees,
    progress,
    runs,
    workspaces: new WorkspaceStore(db),
    labs: options.labs ?? [tinyLab()],
    sandboxModes: options.sandboxModes ?? ['local', 'aws'],
    resetSandbox: async (attendeeId) => {
      resets.push(attendeeId);
    },
    now: () => clock.now,
  });
  return {
    ...events,
    clock,
    attendeesStore: attendees,
    progress,
    runs,
    resets,
    event(overrides = {}) {
      const created = events.service.create(
        {
          name: 'Builders session',
          startsAt: clock.now,
          endsAt: clock.now + 3_600_000,
          labs: ['tiny'],
          sandboxMode: 'local',
          capacity: 10,
          stuckAfterMinutes: 10,
          ...overrides,
        },
        'ins_test',
      );
      if (!created.ok) throw new Error(created.message);
      const code = events.service.codes(created.value.id)[0]?.code;
      if (!code) throw new Error('no code');
      return { id: created.value.id, code };
    },
  };
}
