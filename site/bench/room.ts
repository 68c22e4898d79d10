/**
 * A room of simulated attendees: each joins (self-paced session), then loops
 * Run (lab solution) and Check over HTTP against the real local-mode server
 * for a fixed time. Reports errors, Check and Run percentiles and throughput.
 * Traffic stays on loopback and stops by itself.
 */
import { performance } from 'node:perf_hooks';
import { freshDataDir, startTestServer } from '../e2e/local-server.ts';
import { percentile } from './run-check.ts';

export interface RoomFigures {
  readonly attendees: number;
  readonly seconds: number;
  readonly runs: number;
  readonly checks: number;
  readonly errors: string[];
  readonly checkMs: number[];
  readonly runMs: number[];
}

export async function simulateRoom(options: { labId: string; attendees: number; seconds: number }): Promise<RoomFigures> {
  const server = await startTestServer(freshDataDir());
  const lab = server.runtime.findLab(options.labId);
  if (!lab) throw new Error(`No lab ${options.labId}`);
  const figures = { attendees: options.attendees, seconds: options.seconds, runs: 0, checks: 0, errors: [] as string[], checkMs: [] as number[], runMs: [] as number[] };
  const deadline = performance.now() + options.seconds * 1000;
  const attendee = async (): Promise<void> => {
    const home = await fetch(`${server.site.url}/`);
    const cookie = (home.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const post = (path: string, body: unknown) =>
      fetch(`${server.site.url}/api/labs/${options.labId}/${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: server.site.url }, body: JSON.stringify(body) });
    while (performance.now() < deadline) {
      const runStart = performance.now();
      const run = await post('run', { files: lab.solution });
      const text = await run.text();
      figures.runMs.push(performance.now() - runStart);
      figures.runs += 1;
      if (run.status !== 200 || !text.includes('"exitCode":0')) figures.errors.push(`run ${run.status}: ${text.slice(-200)}`);
      const checkStart = performance.now();
      const check = await post('check', {});
      const report = (await check.json()) as { passed?: boolean };
      figures.checkMs.push(performance.now() - checkStart);
      figures.checks += 1;
      if (check.status !== 200 || report.passed !== true) figures.errors.push(`check ${check.status}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.attendees }, attendee));
  } finally {
    await server.close();
  }
  return figures;
}

export function describeRoom(figures: RoomFigures): string {
  return [
    `room of ${figures.attendees} attendees for ${figures.seconds} s: ${figures.runs} runs, ${figures.checks} checks, ${figures.errors.length} errors`,
    `Check  p50 ${percentile(figures.checkMs, 50).toFixed(0)} ms  p99 ${percentile(figures.checkMs, 99).toFixed(0)} ms  (target p99 ≤ 1000 ms, 0 errors)`,
    `Run    p50 ${percentile(figures.runMs, 50).toFixed(0)} ms  p99 ${percentile(figures.runMs, 99).toFixed(0)} ms  (queued behind the runner's concurrency cap)`,
    ...figures.errors.slice(0, 5).map((error) => `  error: ${error}`),
  ].join('\n');
}
