/**
 * The floors every other figure is read against, measured in the same run
 * on the same (shared, noisy) machine: a bare `node -e 0` with the project's
 * Node 24 (the least a Run can cost, since every Run is a fresh process), and
 * one RSA-2048 signature (a fixed piece of CPU work, to tell a slow machine
 * from a slow product).
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { processCpu } from './cpu.ts';
import { median } from './stats.ts';

export interface FloorFigures {
  readonly nodeStartMs: number;
  /** CPU of one `node -e 0`, mean over the spawns (each reading is in 10 ms ticks, so a median would round). */
  readonly nodeStartCpuMs: number;
  readonly spawns: number;
  readonly rsaSignMs: number;
  readonly signatures: number;
}

/** Wall time of one spawn to exit, and the CPU the bench's waited-for children gained meanwhile. */
function spawnOnce(): Promise<{ wallMs: number; cpuMs: number }> {
  const before = processCpu('self')?.reapedChildrenMs ?? Number.NaN;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('error', reject);
    // libuv has waited for the child before 'exit' fires, so cutime already includes it.
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`node -e 0 exited with ${code}`));
      else resolve({ wallMs: performance.now() - started, cpuMs: (processCpu('self')?.reapedChildrenMs ?? Number.NaN) - before });
    });
  });
}

export async function measureFloor(options: { spawns: number; signatures: number }): Promise<FloorFigures> {
  await spawnOnce(); // page cache and the binary's first load, not part of any Run
  const walls: number[] = [];
  let cpu = 0;
  for (let i = 0; i < options.spawns; i += 1) {
    const once = await spawnOnce();
    walls.push(once.wallMs);
    cpu += once.cpuMs;
  }
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const data = Buffer.from('keyless bench: one signature');
  for (let i = 0; i < 10; i += 1) sign('sha256', data, privateKey); // warm-up
  const signs: number[] = [];
  for (let i = 0; i < options.signatures; i += 1) {
    const started = performance.now();
    sign('sha256', data, privateKey);
    signs.push(performance.now() - started);
  }
  return {
    nodeStartMs: median(walls),
    nodeStartCpuMs: cpu / options.spawns,
    spawns: options.spawns,
    rsaSignMs: median(signs),
    signatures: options.signatures,
  };
}
