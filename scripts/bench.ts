// `npm run bench`: local-mode figures for the targets in the README. Thin; logic in site/bench.
import { measureJoin } from '../site/bench/join.ts';
import { measureRunCheck, percentile } from '../site/bench/run-check.ts';

const attendees = Number(process.env.BENCH_ATTENDEES ?? 5);
const loops = Number(process.env.BENCH_LOOPS ?? 10);
const figures = await measureRunCheck({ labId: 'cognito-client-credentials', attendees, loops });
const row = (name: string, values: number[], target: string) =>
  console.log(`${name.padEnd(34)} p50 ${percentile(values, 50).toFixed(0).padStart(6)} ms   p95 ${percentile(values, 95).toFixed(0).padStart(6)} ms   (n=${values.length}, target ${target})`);
console.log(`start-up (emulated AWS + site)     ${figures.startupMs.toFixed(0)} ms`);
row('first visit → first green check', figures.firstGreenMs, 'p50 ≤ 2000 ms');
row('Run (lab solution, over HTTP)', figures.runMs, 'p50 ≤ 300 ms');
row('Check (all lab checks, over HTTP)', figures.checkMs, 'p50 ≤ 50 ms');
console.log(`lab page JS before the editor        ${(figures.initialJsGzipBytes / 1024).toFixed(1)} KB gzip (target ≤ 100 KB)`);

const joins = await measureJoin({ labId: 'cognito-client-credentials', attendees: Number(process.env.BENCH_JOINS ?? 20) });
row('code entry → lab page (HTTP)', joins.joinToLabPageMs, 'p50 ≤ 1000 ms');
console.log(`lab page JS, event attendee         ${(joins.eventLabPageJsGzipBytes / 1024).toFixed(1)} KB gzip (target ≤ 100 KB)`);
