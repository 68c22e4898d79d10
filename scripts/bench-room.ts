// `npm run bench:room`: the closed-loop worst case (BENCH_ROOM=closed: 150 attendees looping Run/Check
// with no think time for 60 s) and the room model (BENCH_ROOM=model: Run every 20–40 s, then Check);
// both by default. BENCH_ATTENDEES, BENCH_SECONDS, BENCH_LAB, BENCH_QUICK as for `npm run bench`.
import { loadLabs } from '@keyless/labs';
import { startBenchServer } from '@keyless/site/bench/bench-server';
import { benchConfigFromEnv } from '@keyless/site/bench/config';
import { describeRoomRuns } from '@keyless/site/bench/describe-room';
import { simulateRoom } from '@keyless/site/bench/room';
import { runBenchSuite } from '@keyless/site/bench/suite';
import { benchRows, formatTable } from '@keyless/site/bench/report';

const mode = process.env.BENCH_ROOM ?? 'both';
if (!['closed', 'model', 'both'].includes(mode)) throw new Error(`BENCH_ROOM must be closed, model or both, not "${mode}"`);
let failed = false;
if (mode !== 'model') {
  const config = benchConfigFromEnv({
    ...process.env,
    BENCH_SECONDS: process.env.BENCH_SECONDS ?? (process.env.BENCH_QUICK === '1' ? '20' : '60'),
  });
  const found = loadLabs(new URL('../labs/content', import.meta.url).pathname).find((lab) => lab.definition.id === config.lab);
  if (!found) throw new Error(`no lab ${config.lab}`);
  const server = await startBenchServer();
  try {
    const figures = await simulateRoom(
      server,
      { id: config.lab, solution: { ...found.solution } },
      { attendees: config.roomAttendees, seconds: config.roomSeconds },
    );
    console.log(describeRoomRuns(figures));
    failed ||= figures.errors.length > 0;
  } finally {
    await server.close();
  }
}
if (mode !== 'closed') {
  const config = benchConfigFromEnv({ ...process.env, BENCH_SCENARIOS: 'room' });
  const rows = benchRows(await runBenchSuite(config, (line) => console.error(`bench: ${line}`)));
  console.log(`\n${formatTable(rows)}`);
  failed ||= rows.some((row) => row.met === false);
}
process.exitCode = failed ? 1 : 0;
