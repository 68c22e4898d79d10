/**
 * What `npm run bench` measures and how much of it, from the environment
 * (only the entry point passes `process.env` in). The default is the full
 * spec; BENCH_QUICK=1 shrinks every scenario for a run of a few minutes;
 * BENCH_SCENARIOS picks some (comma-separated names below).
 */
export const SCENARIOS = ['floor', 'today', 'labs', 'wire', 'burst', 'room', 'tokens'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface BenchConfig {
  readonly quick: boolean;
  readonly scenarios: ReadonlySet<Scenario>;
  /** The lab whose solution the room scenarios Run and Check. */
  readonly lab: string;
  readonly floorSpawns: number;
  readonly signatures: number;
  readonly todayAttendees: number;
  readonly todayLoops: number;
  readonly joins: number;
  readonly perLabRuns: number;
  readonly perLabSpacingMs: number;
  readonly burstAttendees: number;
  readonly burstWindowSeconds: number;
  readonly roomAttendees: number;
  readonly roomSeconds: number;
  readonly thinkSeconds: readonly [number, number];
  readonly tokens: number;
  readonly tokenConcurrency: number;
  readonly jsonPath: string;
}

export function benchConfigFromEnv(env: NodeJS.ProcessEnv): BenchConfig {
  const quick = env.BENCH_QUICK === '1';
  const number = (name: string, full: number, small: number): number => {
    const value = Number(env[name] ?? (quick ? small : full));
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, not "${env[name]}"`);
    return value;
  };
  const picked = (env.BENCH_SCENARIOS ?? SCENARIOS.join(','))
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of picked)
    if (!(SCENARIOS as readonly string[]).includes(name))
      throw new Error(`BENCH_SCENARIOS: unknown "${name}"; choose from ${SCENARIOS.join(', ')}`);
  return {
    quick,
    scenarios: new Set(picked as Scenario[]),
    lab: env.BENCH_LAB ?? 'cognito-client-credentials',
    floorSpawns: number('BENCH_FLOOR_SPAWNS', 20, 10),
    signatures: number('BENCH_SIGNATURES', 200, 100),
    todayAttendees: number('BENCH_TODAY_ATTENDEES', 3, 2),
    todayLoops: number('BENCH_TODAY_LOOPS', 5, 3),
    joins: number('BENCH_JOINS', 20, 5),
    perLabRuns: number('BENCH_LAB_RUNS', 7, 3),
    perLabSpacingMs: number('BENCH_LAB_SPACING_MS', 1500, 1500),
    burstAttendees: number('BENCH_BURST_ATTENDEES', 150, 30),
    burstWindowSeconds: number('BENCH_BURST_SECONDS', 10, 10),
    roomAttendees: number('BENCH_ATTENDEES', 150, 30),
    roomSeconds: number('BENCH_SECONDS', 120, 30),
    thinkSeconds: [number('BENCH_THINK_MIN_S', 20, 20), number('BENCH_THINK_MAX_S', 40, 40)],
    tokens: number('BENCH_TOKENS', 5000, 2000),
    tokenConcurrency: number('BENCH_TOKEN_CONCURRENCY', 64, 64),
    jsonPath: env.BENCH_JSON ?? 'bench-results.json',
  };
}
