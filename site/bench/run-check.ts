/**
 * Measures, over HTTP against the real local-mode server: start-up, first
 * visit → first green check, one Run of the lab solution, one Check.
 * Reports medians (p50) and p95; nothing here asserts on time.
 */
import { performance } from 'node:perf_hooks';
import { freshDataDir, startTestServer } from '../e2e/local-server.ts';
import { labPageInitialJs } from './page-weight.ts';

export interface RunCheckFigures {
  readonly startupMs: number;
  readonly firstGreenMs: number[];
  readonly runMs: number[];
  readonly checkMs: number[];
  readonly initialJsGzipBytes: number;
}

export async function measureRunCheck(options: { labId: string; attendees: number; loops: number }): Promise<RunCheckFigures> {
  const started = performance.now();
  const server = await startTestServer(freshDataDir());
  const startupMs = performance.now() - started;
  const lab = server.runtime.findLab(options.labId);
  if (!lab) throw new Error(`No lab ${options.labId}`);
  const firstStep = lab.steps[0]?.slug ?? '';
  const weight = await labPageInitialJs(server.site.url, `/labs/${options.labId}/${firstStep}`);
  const figures = { startupMs, firstGreenMs: [] as number[], runMs: [] as number[], checkMs: [] as number[], initialJsGzipBytes: weight.totalGzipBytes };
  try {
    for (let attendee = 0; attendee < options.attendees; attendee += 1) {
      const visit = performance.now();
      const home = await fetch(`${server.site.url}/labs/${options.labId}/`, { redirect: 'manual' });
      const cookie = (home.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const post = (path: string, body: unknown) =>
        fetch(`${server.site.url}/api/labs/${options.labId}/${path}`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json', origin: server.site.url },
          body: JSON.stringify(body),
        });
      for (let loop = 0; loop < options.loops; loop += 1) {
        const runStart = performance.now();
        const run = await post('run', { files: lab.solution });
        const text = await run.text();
        if (!text.includes('"exitCode":0')) throw new Error(`Run failed: ${text.slice(-500)}`);
        figures.runMs.push(performance.now() - runStart);
        const checkStart = performance.now();
        const check = (await (await post('check', {})).json()) as { passed: boolean };
        figures.checkMs.push(performance.now() - checkStart);
        if (!check.passed) throw new Error('Solution did not pass its checks');
        if (loop === 0) figures.firstGreenMs.push(performance.now() - visit);
      }
    }
  } finally {
    await server.close();
  }
  return figures;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
