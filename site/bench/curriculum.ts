/**
 * How long the curriculum takes a new attendee who follows the steps:
 * machine time measured by running every step's partial solution and checking
 * it against the real local sandbox, plus a human estimate: the step text at
 * 200 words a minute, the code the step asks for at 8 s a changed line (the
 * solution is behind a "Show me the code" reveal, so attendees write from the
 * TODO's hint and the prose, and open the reveal to compare or when stuck),
 * 20 s to answer the step's `predict:` question before Running, and 45 s a
 * step to Run, Check and read the result. Nothing here asserts on time.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { partialSolution, splitFrontmatter, type Lab } from '@keyless/labs';
import type { Runtime } from '../src/server/create-runtime.ts';

export interface StepTiming {
  readonly lab: string;
  readonly step: string;
  readonly stretch: boolean;
  readonly words: number;
  readonly changedLines: number;
  readonly runMs: number;
  readonly checkMs: number;
  readonly estimateMinutes: number;
}

const WORDS_PER_MINUTE = 200;
const SECONDS_PER_CHANGED_LINE = 8;
const SECONDS_TO_PREDICT = 20;
const SECONDS_PER_STEP = 45;

export async function timeCurriculum(runtime: Runtime, labs: readonly Lab[]): Promise<StepTiming[]> {
  const timings: StepTiming[] = [];
  for (const lab of labs) {
    const { attendee } = runtime.attendees.createSelfPaced();
    for (const step of lab.steps) {
      const files = partialSolution(lab, step.number);
      const runStart = performance.now();
      await runtime.run(attendee, lab, files, {});
      const runMs = performance.now() - runStart;
      const checkStart = performance.now();
      await runtime.check(attendee, lab);
      const checkMs = performance.now() - checkStart;
      const words = proseWords(readFileSync(step.file, 'utf8'));
      const changedLines = countChangedLines(partialSolution(lab, step.number - 1), files);
      const estimateMinutes =
        words / WORDS_PER_MINUTE +
        (changedLines * SECONDS_PER_CHANGED_LINE + (step.frontmatter.predict === undefined ? 0 : SECONDS_TO_PREDICT) + SECONDS_PER_STEP) /
          60 +
        (runMs + checkMs) / 60_000;
      timings.push({
        lab: lab.folder,
        step: step.slug,
        stretch: step.frontmatter.stretch,
        words,
        changedLines,
        runMs,
        checkMs,
        estimateMinutes,
      });
    }
  }
  return timings;
}

/** Words an attendee reads: the MDX body without frontmatter, components and code fences. */
function proseWords(mdx: string): number {
  const body = splitFrontmatter(mdx)?.body ?? mdx;
  const prose = body
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[|#*`_>-]/g, ' ');
  return prose.split(/\s+/).filter((word) => /\w/.test(word)).length;
}

function countChangedLines(before: Record<string, string>, after: Record<string, string>): number {
  let changed = 0;
  for (const [file, source] of Object.entries(after)) {
    const old = new Set((before[file] ?? '').split('\n').map((line) => line.trim()));
    changed += source.split('\n').filter((line) => line.trim() !== '' && !old.has(line.trim())).length;
  }
  return changed;
}
