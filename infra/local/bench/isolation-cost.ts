/**
 * What a network of its own costs one Run, measured in one go, interleaved so
 * machine noise hits both sides alike:
 *   1. creating the jail with and without a network namespace (bwrap running `true`);
 *   2. opening and closing one Run's channels (three Unix sockets and their servers);
 *   3. a whole Run of a script that makes one request through each kind of
 *      channel, with no pool (every Run starts its own process), against the
 *      same script with the pool on.
 *
 *   node infra/local/bench/isolation-cost.ts [repeats=15]
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startLocalAws } from '../src/index.ts';
import { chooseJail } from '../src/runner/jail.ts';
import { createProcessRunner } from '../src/runner/index.ts';
import { outputsToEnv } from '@keyless/labs/sandbox';

const repeats = Number(process.argv[2] ?? 15);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const timed = (work: () => void): number => {
  const started = performance.now();
  work();
  return performance.now() - started;
};
const timedAsync = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

const choice = chooseJail('auto');
if (choice.kind !== 'bwrap' || choice.bwrapPath === undefined) throw new Error('This benchmark needs bubblewrap.');
const base = [
  '--unshare-user',
  '--unshare-pid',
  '--unshare-ipc',
  '--die-with-parent',
  ...choice.systemMounts,
  '--proc',
  '/proc',
  '--dev',
  '/dev',
];
const jailWith: number[] = [];
const jailWithout: number[] = [];
for (let i = 0; i < repeats * 2; i++) {
  jailWithout.push(timed(() => spawnSync(choice.bwrapPath ?? '', [...base, '--', '/usr/bin/true'])));
  jailWith.push(timed(() => spawnSync(choice.bwrapPath ?? '', [...base, '--unshare-net', '--', '/usr/bin/true'])));
}

const dir = await mkdtemp(join(tmpdir(), 'keyless-isolation-'));
const aws = await startLocalAws({ dbPath: join(dir, 'sandbox.db'), runNetwork: 'namespace' });
await aws.provision('bench');
const channelTimes: number[] = [];
for (let i = 0; i < repeats * 4; i++) {
  channelTimes.push(
    await timedAsync(async () =>
      (await aws.openRunChannels({ attendeeId: 'bench', runId: `r-${String(i)}` }, join(dir, `c${String(i)}`))).close(),
    ),
  );
}

const script = `
const imds = await fetch(process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT + '/latest/api/token', { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } });
const health = await fetch(process.env.AWS_ENDPOINT_URL_STS.replace(/\\/sts$/, '/health'));
console.log(imds.status, health.status);`;
const env = outputsToEnv(await aws.outputs('bench'));
const nodeModulesDir = resolve(import.meta.dirname, '../../../node_modules');
const runTimes: Record<'pool' | 'no pool', number[]> = { pool: [], 'no pool': [] };
for (const [name, poolSize] of [
  ['no pool', 0],
  ['pool', 2],
] as const) {
  const runner = createProcessRunner({ workRoot: join(dir, `runs-${String(poolSize)}`), nodeModulesDir, poolSize, log: () => {} });
  await runner.warm?.();
  const instance = runner.instanceFor({ attendeeId: 'bench', env, openChannels: aws.openRunChannels });
  for (let i = 0; i < repeats; i++) {
    await new Promise((done) => setTimeout(done, 600)); // the pool refills between presses, as between people's
    const result = await instance.run({ files: { 'main.ts': script }, entry: 'main.ts' });
    if (result.stdout.trim() !== '200 200') throw new Error(`Run failed: ${result.stdout} ${result.stderr}`);
    runTimes[name].push(result.durationMs);
  }
  await runner.close();
}
await aws.close();
await rm(dir, { recursive: true, force: true });

const rows = {
  'jail without a network namespace (bwrap true)': median(jailWithout),
  'jail with its own network namespace (bwrap --unshare-net true)': median(jailWith),
  "open + close one Run's channels": median(channelTimes),
  'Run through channels, no pool (ms in the jail)': median(runTimes['no pool']),
  'Run through channels, pool (ms in the jail)': median(runTimes.pool),
};
for (const [name, ms] of Object.entries(rows)) console.log(`${name.padEnd(66)} p50 ${ms.toFixed(1).padStart(7)} ms`);
console.log(JSON.stringify({ repeats, ...rows }));
