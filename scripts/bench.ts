// `npm run bench`: every local-mode scenario of BENCHMARKS.md; prints a table and writes JSON
// (BENCH_JSON, default ./bench-results.json). BENCH_QUICK=1 for a short run. Thin; logic in site/bench.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchConfigFromEnv } from '@keyless/site/bench/config';
import { benchRows, formatTable } from '@keyless/site/bench/report';
import { runBenchSuite } from '@keyless/site/bench/suite';

const config = benchConfigFromEnv(process.env);
const results = await runBenchSuite(config, (line) => console.error(`bench: ${line}`));

// Bytes on the wire (scenario 7) is site/bench/wire-bytes.ts, called from suite.ts as scenario 'wire'.

const rows = benchRows(results);
const jsonPath = resolve(config.jsonPath);
writeFileSync(jsonPath, `${JSON.stringify({ ...results, rows }, null, 2)}\n`);
console.log(
  `\nKeyless bench, ${results.date}${results.quick ? ' (BENCH_QUICK)' : ''}: ${results.machine.cores} cores, ${results.machine.cpuModel}, ${results.machine.memoryGiB.toFixed(0)} GiB, Node ${results.machine.node}`,
);
console.log(
  `Runs: ${results.machine.isolation}; background load before/after: ${results.machine.backgroundBusyCoresBefore.toFixed(2)} / ${(results.machine.backgroundBusyCoresAfter ?? Number.NaN).toFixed(2)} cores busy\n`,
);
console.log(formatTable(rows));
console.log(`\nJSON: ${jsonPath}`);
process.exitCode = rows.some((row) => row.met === false) ? 1 : 0;
