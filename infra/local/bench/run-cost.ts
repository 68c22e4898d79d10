/**
 * Where one Run's CPU goes, inside the jailed process, lab by lab: each
 * lab's solution is Run by one attendee with no pool (every Run starts its
 * own process, as in a room that keeps the runner busy), once from the
 * startup snapshot and once importing the packages from disk, interleaved so
 * machine noise hits both alike. A probe put before the solution's code
 * reports the process's CPU (user + system, `process.cpuUsage`) when the
 * entry's body starts (Node's start, the snapshot or the package imports,
 * the launcher and its bridges) and at exit (the lab's own work). The floors,
 * in the same run: `node -e 0`, and a bare start from the snapshot. Last,
 * what one pooled process costs while it gets ready and waits (Node, the
 * template's packages, the SDK warm-up; what each Run taken from the pool
 * adds to the machine's work when the pool refills in idle time): CPU of
 * each waiting process from /proc, pool of 3.
 *
 *   node infra/local/bench/run-cost.ts [runs per lab=5] [lab,lab…]
 *
 * The server's share of a Run (answering the Run's sandbox requests, the
 * run API) is not in these figures; `npm run bench` reports it per Run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadLabs, templatePackages } from '@keyless/labs';
import { createLocalSandboxes, type LocalSandboxes } from '../src/index.ts';
import { createProcessRunner } from '../src/runner/index.ts';

const runsPerLab = Number(process.argv[2] ?? 5);
const only = process.argv[3]?.split(',');
const repoRoot = resolve(import.meta.dirname, '../../..');
const labsDir = join(repoRoot, 'labs', 'content');
const labs = loadLabs(labsDir).filter((lab) => only === undefined || only.includes(lab.definition.id));
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const PROBE = `const __keylessProbeStart = process.cpuUsage();
process.on('exit', () => {
  const ms = (usage) => Math.round((usage.user + usage.system) / 1000);
  console.error('KEYLESS-RUN-COST ' + JSON.stringify({ beforeEntry: ms(__keylessProbeStart), total: ms(process.cpuUsage()) }));
});
`;

/** CPU of a child, from this process's `cutime + cstime` (clock ticks of 10 ms) around a spawnSync. */
function childCpuMs(args: readonly string[]): number {
  const ticks = (): number => {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    return Number(fields[13]) + Number(fields[14]);
  };
  const before = ticks();
  spawnSync(process.execPath, args, { stdio: 'ignore', env: {} });
  return (ticks() - before) * 10;
}

/** CPU so far of every jailed Node whose command line names this runner's work root (its pooled processes). */
function waitingProcessesCpuMs(workRoot: string): number[] {
  const cpu: number[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!command.startsWith(process.execPath) || !command.includes(workRoot) || !command.includes('launcher.mjs')) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      cpu.push((Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // Gone meanwhile.
    }
  }
  return cpu;
}

interface Sample {
  readonly beforeEntry: number;
  readonly total: number;
}

async function sample(sandboxes: LocalSandboxes, attendeeId: string, lab: (typeof labs)[number]): Promise<Sample | string> {
  const sandbox = await sandboxes.provider.forAttendee(attendeeId);
  const entry = lab.definition.entry;
  const files = { ...lab.solution, [entry]: PROBE + (lab.solution[entry] ?? '') };
  const result = await sandbox.instance.run({ files, entry, labId: lab.definition.id });
  const line = /KEYLESS-RUN-COST (\{.*\})/.exec(result.stderr)?.[1];
  if (result.exitCode !== 0 || line === undefined) return `exit ${String(result.exitCode)}: ${result.stderr.slice(0, 300)}`;
  return JSON.parse(line) as Sample;
}

const modes = [
  { name: 'snapshot', startupSnapshot: true },
  { name: 'from disk', startupSnapshot: false },
] as const;
const dataDirs: string[] = [];
const started = await Promise.all(
  modes.map(async (mode) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keyless-run-cost-'));
    dataDirs.push(dataDir);
    const sandboxes = await createLocalSandboxes({
      dataDir,
      nodeModulesDir: join(repoRoot, 'node_modules'),
      warmImports: templatePackages(labsDir),
      runner: { poolSize: 0, startupSnapshot: mode.startupSnapshot },
    });
    return { ...mode, sandboxes, dataDir };
  }),
);
try {
  const snapshotDir = join(started[0]?.dataDir ?? '', 'runs', '.snapshot');
  const blob = readdirSync(snapshotDir).find((name) => name.endsWith('.blob'));
  const floors: number[] = [];
  const snapshotStarts: number[] = [];
  for (let i = 0; i < 10; i += 1) {
    floors.push(childCpuMs(['-e', '0']));
    if (blob !== undefined) snapshotStarts.push(childCpuMs(['--snapshot-blob', join(snapshotDir, blob), '-e', '0']));
  }
  console.log(
    `floor: node -e 0 ${String(median(floors))} ms CPU; node started from the snapshot ${String(median(snapshotStarts))} ms CPU (median of 10)`,
  );
  console.log(
    `${'lab'.padEnd(28)} ${'mode'.padEnd(10)} ${'CPU/Run'.padStart(8)} ${'until entry'.padStart(12)} ${'lab code'.padStart(9)}   (medians of ${String(runsPerLab)}, ms)`,
  );
  for (const lab of labs) {
    const samples = new Map<string, Sample[]>(modes.map((mode) => [mode.name, []]));
    for (let i = 0; i <= runsPerLab; i += 1) {
      for (const mode of started) {
        const result = await sample(mode.sandboxes, `att_runcost${lab.definition.id.replaceAll('-', '')}`, lab);
        if (typeof result === 'string') throw new Error(`${lab.definition.id} (${mode.name}): ${result}`);
        if (i > 0) samples.get(mode.name)?.push(result); // the first Run of a lab creates its resources: not counted
      }
    }
    for (const [name, values] of samples) {
      const total = median(values.map((value) => value.total));
      const before = median(values.map((value) => value.beforeEntry));
      console.log(
        `${lab.definition.id.padEnd(28)} ${name.padEnd(10)} ${String(total).padStart(8)} ${String(before).padStart(12)} ${String(median(values.map((value) => value.total - value.beforeEntry))).padStart(9)}`,
      );
    }
  }
  {
    const workRoot = mkdtempSync(join(tmpdir(), 'keyless-run-cost-pool-'));
    dataDirs.push(workRoot);
    const runner = createProcessRunner({
      workRoot,
      nodeModulesDir: join(repoRoot, 'node_modules'),
      warmImports: templatePackages(labsDir),
      poolSize: 3,
      log: () => {},
    });
    await runner.warm?.();
    await new Promise((resolve) => setTimeout(resolve, 6_000)); // ready and idle
    const waiting = waitingProcessesCpuMs(workRoot);
    console.log(
      `pooled process, ready and waiting (from disk, as the pool makes them): ${String(median(waiting))} ms CPU (median of ${String(waiting.length)})`,
    );
    await runner.close();
  }
} finally {
  for (const mode of started) await mode.sandboxes.close();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}
