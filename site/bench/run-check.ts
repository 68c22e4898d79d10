/**
 * Today's figures, over HTTP against the real local-mode server: first
 * visit → first green check (a self-paced visitor: home page, then Run and
 * Check of the lab solution), then more Run/Check loops back to back. Reports
 * every timing; the caller takes medians and p95. Nothing here asserts on time.
 */
import { performance } from 'node:perf_hooks';
import type { BenchServer } from './bench-server.ts';
import { Browser } from './browser.ts';
import { labPageInitialJs } from './page-weight.ts';

export interface RunCheckFigures {
  readonly firstGreenMs: number[];
  readonly runMs: number[];
  readonly checkMs: number[];
  readonly initialJsGzipBytes: number;
  readonly errors: string[];
}

export async function measureRunCheck(
  server: BenchServer,
  lab: { id: string; firstStep: string; solution: Record<string, string> },
  options: { attendees: number; loops: number },
): Promise<RunCheckFigures> {
  const weight = await labPageInitialJs(server.siteUrl, `/labs/${lab.id}/${lab.firstStep}`);
  const figures = {
    firstGreenMs: [] as number[],
    runMs: [] as number[],
    checkMs: [] as number[],
    initialJsGzipBytes: weight.totalGzipBytes,
    errors: [] as string[],
  };
  for (let attendee = 0; attendee < options.attendees; attendee += 1) {
    const visit = performance.now();
    const browser = new Browser(server.siteUrl);
    await (await browser.request('GET', `/labs/${lab.id}/`)).arrayBuffer();
    for (let loop = 0; loop < options.loops; loop += 1) {
      const run = await browser.run(lab.id, lab.solution);
      figures.runMs.push(run.ms);
      if (run.error) figures.errors.push(run.error);
      const check = await browser.check(lab.id);
      figures.checkMs.push(check.ms);
      if (!check.passed) figures.errors.push(`check ${check.status}: not passed`);
      if (loop === 0) figures.firstGreenMs.push(performance.now() - visit);
    }
  }
  return figures;
}
