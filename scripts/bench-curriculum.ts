// `npm run bench:curriculum`: estimated attendee minutes per lab, with measured Run/Check machine time.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLocalRuntime } from '@keyless/site/runtime';
import { freshDataDir } from '@keyless/site/test-server';
import { timeCurriculum } from '@keyless/site/bench/curriculum';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const runtime = await createLocalRuntime({
  dataDir: freshDataDir(),
  labsDir: join(repoRoot, 'labs/content'),
  nodeModulesDir: join(repoRoot, 'node_modules'),
  host: '127.0.0.1',
  awsPort: 0,
});
try {
  const timings = await timeCurriculum(runtime, runtime.labs);
  const byLab = new Map<string, { core: number; stretch: number; machineMs: number; steps: number }>();
  for (const timing of timings) {
    const lab = byLab.get(timing.lab) ?? { core: 0, stretch: 0, machineMs: 0, steps: 0 };
    if (timing.stretch) lab.stretch += timing.estimateMinutes;
    else lab.core += timing.estimateMinutes;
    lab.machineMs += timing.runMs + timing.checkMs;
    lab.steps += 1;
    byLab.set(timing.lab, lab);
  }
  console.log('lab                              steps  core min  stretch min  Run+Check machine ms');
  let corePath = 0;
  for (const [lab, figures] of byLab) {
    if (/^0[1-5]-/.test(lab)) corePath += figures.core;
    console.log(
      `${lab.padEnd(33)}${String(figures.steps).padStart(5)}${figures.core.toFixed(1).padStart(10)}${figures.stretch.toFixed(1).padStart(13)}${figures.machineMs.toFixed(0).padStart(22)}`,
    );
  }
  console.log(
    `\ncore path, labs 1–5: ${corePath.toFixed(1)} min (the one-hour session: ≤ 60; ≤ 40 would leave room for lab 0 and a wrap-up)`,
  );
} finally {
  await runtime.close();
}
