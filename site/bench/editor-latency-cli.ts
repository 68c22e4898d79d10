// The lab editor's time to first completion: median of N cold page loads (default 5) against a fresh local server,
// with a blank page load as the floor and the machine's load average, all from the same run. Reports; never asserts.
// npm run bench:editor -w @keyless/site [-- loads]   (needs the built site: npm run build)
import { loadavg } from 'node:os';
import { launchBrowser } from '../e2e/test-support/browser.ts';
import { freshDataDir, startTestServer } from '../e2e/test-support/local-server.ts';
import { measureBlankLoad, measureEditorLoad, type EditorLoad } from './editor-latency.ts';
import { backgroundBusyCores, describeMachine } from './machine.ts';
import { median } from './stats.ts';

const loads = Number(process.argv[2] ?? process.env.EDITOR_BENCH_LOADS ?? 5);
const machine = describeMachine();
const loadBefore = loadavg();
const busyBefore = await backgroundBusyCores(2000);
const server = await startTestServer(freshDataDir());
const browser = await launchBrowser();
const runs: EditorLoad[] = [];
const floors: number[] = [];
try {
  // One load first, not counted: the server renders the page for the first time and the OS caches the built files.
  await measureEditorLoad({ browser, siteUrl: server.site.url });
  for (let i = 0; i < loads; i += 1) {
    floors.push(await measureBlankLoad({ browser, siteUrl: server.site.url }));
    const run = await measureEditorLoad({ browser, siteUrl: server.site.url });
    runs.push(run);
    console.error(
      `load ${String(i + 1)}/${String(loads)}: first completion at ${(run.timeline.completionShown ?? Number.NaN).toFixed(0)} ms`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
const loadAfter = loadavg();

const floor = median(floors);
const rows: [string, (run: EditorLoad) => number | undefined][] = [
  ['first contentful paint (textarea)', (run) => run.firstContentfulPaint],
  ['load event', (run) => run.loadEventEnd],
  ['Monaco chunk fetched', (run) => run.resources['monaco-editor']?.end],
  ['editor visible (Monaco mounted)', (run) => run.timeline.editorMounted],
  ['TS worker started', (run) => run.timeline.tsWorkerCreated],
  ['TS worker ready (first answer)', (run) => run.timeline.tsWorkerFirstMessage],
  ['declarations fetched', (run) => run.resources['lab-declarations']?.end],
  ['declarations loaded (in the service)', (run) => run.timeline.declarationsLoaded],
  ['first completion list (send)', (run) => run.timeline.completionShown],
  ['main-thread long tasks, sum', (run) => run.longTasksMs],
  ['main-thread longest task', (run) => run.longestTaskMs],
];
const marks = [...new Set(runs.flatMap((run) => Object.keys(run.marks)))];
for (const mark of marks) rows.push([`  mark keyless:${mark}`, (run) => run.marks[mark]]);

const medians = Object.fromEntries(
  rows.map(([label, read]) => [label.trim(), median(runs.map((run) => read(run) ?? Number.NaN).filter(Number.isFinite))]),
);
const editorShown = medians['editor visible (Monaco mounted)'] ?? Number.NaN;
console.log(`Editor latency, ${new Date().toISOString()}: median of ${String(loads)} cold loads of the lab page`);
console.log(`${String(machine.cores)} cores, ${machine.cpuModel}, Node ${machine.node}`);
console.log(
  `load average before ${loadBefore.map((value) => value.toFixed(2)).join(' ')}, after ${loadAfter.map((value) => value.toFixed(2)).join(' ')}`,
);
console.log(`other work before the run: ${busyBefore.toFixed(2)} cores busy`);
console.log(`floor (blank page load, fresh context): ${floor.toFixed(0)} ms\n`);
console.log(`${'ms since navigation'.padEnd(40)}${'median'.padStart(8)}${'× floor'.padStart(10)}${'− editor'.padStart(10)}   each load`);
for (const [label, read] of rows) {
  const value = medians[label.trim()] ?? Number.NaN;
  const sinceEditor = label.startsWith('main-thread') || !Number.isFinite(editorShown) ? '' : (value - editorShown).toFixed(0);
  const each = runs.map((run) => (read(run) ?? Number.NaN).toFixed(0)).join(' ');
  console.log(
    `${label.padEnd(40)}${value.toFixed(0).padStart(8)}${(value / floor).toFixed(0).padStart(10)}${sinceEditor.padStart(10)}   ${each}`,
  );
}
console.log(`\n${JSON.stringify({ loads, floorMs: floor, loadBefore, loadAfter, busyBefore, medians })}`);
