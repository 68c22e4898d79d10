/**
 * `npm run bench`: every scenario in order, each against a fresh server
 * process (so one scenario's leftovers, its pool state, SQLite pages and
 * memory, never colour the next), collected into one results object.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLabs, type Lab } from '@keyless/labs';
import { measureTokenEndpoint, type TokenEndpointFigures } from '@keyless/local-sandbox/bench/token-endpoint-load';
import { startBenchServer, type BenchServer } from './bench-server.ts';
import { createBenchEvent, joinAttendees } from './bench-event.ts';
import { measureBurst, type BurstFigures } from './burst.ts';
import type { BenchConfig, Scenario } from './config.ts';
import { measureFloor, type FloorFigures } from './floor.ts';
import { measureJoin, type JoinFigures } from './join.ts';
import { backgroundBusyCores, describeMachine, type MachineInfo } from './machine.ts';
import { simulateRoomModel, type RoomModelFigures } from './room-model.ts';
import { measureRunCheck, type RunCheckFigures } from './run-check.ts';
import { measureRunPerLab, type LabRunFigures } from './run-per-lab.ts';
import { sleep } from './stats.ts';
import { measureWireBytes, type WireBytes } from './wire-bytes.ts';

export interface BenchResults {
  readonly date: string;
  readonly quick: boolean;
  readonly machine: MachineInfo & { isolation: string; backgroundBusyCoresBefore: number; backgroundBusyCoresAfter?: number };
  floor?: FloorFigures;
  today?: { startupMs: number; runCheck: RunCheckFigures; join: JoinFigures };
  perLab?: LabRunFigures[];
  burst?: BurstFigures;
  room?: RoomModelFigures;
  tokens?: TokenEndpointFigures;
  /** Without the per-resource lists (site/bench/wire-bytes-cli.ts prints them). */
  wireBytes?: Omit<WireBytes, 'cold' | 'warm'> & { readonly roomSize: number };
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** After a server starts or a room has joined, the pool fills in idle time; the scenarios start from that state, as an event does. */
const SETTLE_MS = 3000;

function benchLab(labs: readonly Lab[], id: string): { id: string; firstStep: string; solution: Record<string, string> } {
  const lab = labs.find((candidate) => candidate.definition.id === id);
  if (!lab) throw new Error(`BENCH_LAB: no lab "${id}"; labs are ${labs.map((candidate) => candidate.definition.id).join(', ')}`);
  return { id, firstStep: lab.steps[0]?.slug ?? '', solution: { ...lab.solution } };
}

async function withServer<T>(results: BenchResults, use: (server: BenchServer) => Promise<T>): Promise<T> {
  const server = await startBenchServer();
  results.machine.isolation = server.reducedIsolation ?? 'network namespace per Run (bwrap)';
  try {
    return await use(server);
  } finally {
    await server.close();
  }
}

export async function runBenchSuite(config: BenchConfig, log: (line: string) => void): Promise<BenchResults> {
  const labs = loadLabs(join(repoRoot, 'labs', 'content'));
  const lab = benchLab(labs, config.lab);
  const allLabIds = labs.map((candidate) => candidate.definition.id);
  log('measuring background load (2 s idle)…');
  const results: BenchResults = {
    date: new Date().toISOString(),
    quick: config.quick,
    machine: { ...describeMachine(), isolation: 'unknown', backgroundBusyCoresBefore: await backgroundBusyCores(2000) },
  };
  const on = (scenario: Scenario): boolean => config.scenarios.has(scenario);

  if (on('floor')) {
    log(`floor: ${config.floorSpawns} × node -e 0, ${config.signatures} RSA-2048 signatures…`);
    results.floor = await measureFloor({ spawns: config.floorSpawns, signatures: config.signatures });
  }
  if (on('today') || on('labs')) {
    await withServer(results, async (server) => {
      await sleep(SETTLE_MS);
      const code = await createBenchEvent(server.siteUrl, server.loginToken, { name: 'Bench: per lab', labs: allLabIds, capacity: 200 });
      if (on('today')) {
        log(`today's figures: ${config.todayAttendees} visitors × ${config.todayLoops} Run/Check, ${config.joins} joins…`);
        const runCheck = await measureRunCheck(server, lab, { attendees: config.todayAttendees, loops: config.todayLoops });
        const joined = await measureJoin(server, code, lab, { attendees: config.joins });
        results.today = { startupMs: server.startupMs, runCheck, join: joined };
        await sleep(SETTLE_MS);
      }
      if (on('labs')) {
        log(`Run per lab: ${labs.length} labs × ${config.perLabRuns} Runs, ${config.perLabSpacingMs} ms apart…`);
        results.perLab = await measureRunPerLab(server, code, labs, { runs: config.perLabRuns, spacingMs: config.perLabSpacingMs });
      }
    });
  }
  if (on('wire')) {
    // Scenario 7, site/bench/wire-bytes.ts (another engineer's): a real Chromium loads a lab page cold, then warm.
    log('bytes on the wire: one lab page with the editor in Chromium, cold and warm…');
    results.wireBytes = await withServer(results, async (server) => {
      const roomSize = config.roomAttendees;
      const {
        cold: _cold,
        warm: _warm,
        ...summary
      } = await measureWireBytes({ siteUrl: server.siteUrl, labPath: `/labs/${lab.id}/${lab.firstStep}`, roomSize });
      return { ...summary, roomSize };
    });
  }
  if (on('burst')) {
    results.burst = await withServer(results, async (server) => {
      const code = await createBenchEvent(server.siteUrl, server.loginToken, { name: 'Bench: burst', labs: [lab.id], capacity: 200 });
      log(`burst: joining ${config.burstAttendees} attendees…`);
      const browsers = await joinAttendees(server.siteUrl, code, config.burstAttendees);
      await sleep(SETTLE_MS);
      log(`burst: ${config.burstAttendees} Runs within ${config.burstWindowSeconds} s…`);
      return measureBurst(server, browsers, lab, config.burstWindowSeconds);
    });
  }
  if (on('room')) {
    results.room = await withServer(results, async (server) => {
      const code = await createBenchEvent(server.siteUrl, server.loginToken, { name: 'Bench: room', labs: [lab.id], capacity: 200 });
      log(`room model: joining ${config.roomAttendees} attendees…`);
      const browsers = await joinAttendees(server.siteUrl, code, config.roomAttendees);
      await sleep(SETTLE_MS);
      log(
        `room model: ${config.roomAttendees} attendees for ${config.roomSeconds} s, Run every ${config.thinkSeconds.join('–')} s then Check…`,
      );
      return simulateRoomModel(server, browsers, lab, { seconds: config.roomSeconds, thinkSeconds: config.thinkSeconds });
    });
  }
  if (on('tokens')) {
    log(`token endpoint: ${config.tokens} tokens, concurrency ${config.tokenConcurrency}…`);
    results.tokens = await measureTokenEndpoint({ total: config.tokens, concurrency: config.tokenConcurrency });
  }
  results.machine.backgroundBusyCoresAfter = await backgroundBusyCores(1000);
  return results;
}
