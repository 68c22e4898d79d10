import type { Lab } from './loader.ts';

const REGION = /^(\s*)\/\/\s*#region\s+([\w-]+)\s*$/;
const END = /^\s*\/\/\s*#endregion\b/;

/**
 * The lab's code as it stands after step `stepNumber` (1-based): the starter
 * with every region filled in by steps 1..N replaced by the solution's.
 * `stepNumber` 0 is the starter; the last step gives the full solution when
 * every differing region belongs to a step.
 */
export function partialSolution(lab: Lab, stepNumber: number): Record<string, string> {
  const regions = new Set(lab.steps.filter((step) => step.number <= stepNumber).flatMap((step) => step.frontmatter.regions));
  const files: Record<string, string> = {};
  for (const [name, starter] of Object.entries(lab.starter)) {
    const solution = lab.solution[name] ?? starter;
    const solved = regionBodies(solution);
    files[name] = replaceRegions(starter, (region) => (regions.has(region) ? solved.get(region) : undefined));
  }
  return files;
}

/** Region name → the lines between its markers (markers excluded), for top-level regions. */
export function regionBodies(source: string): Map<string, string[]> {
  const bodies = new Map<string, string[]>();
  let current: { name: string; lines: string[] } | undefined;
  for (const line of source.split('\n')) {
    if (!current) {
      const match = REGION.exec(line);
      if (match?.[2]) current = { name: match[2], lines: [] };
    } else if (END.test(line)) {
      bodies.set(current.name, current.lines);
      current = undefined;
    } else current.lines.push(line);
  }
  return bodies;
}

function replaceRegions(source: string, replacement: (region: string) => string[] | undefined): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of source.split('\n')) {
    if (skipping) {
      if (END.test(line)) {
        out.push(line);
        skipping = false;
      }
      continue;
    }
    out.push(line);
    const name = REGION.exec(line)?.[2];
    const body = name === undefined ? undefined : replacement(name);
    if (body) {
      out.push(...body);
      skipping = true;
    }
  }
  return out.join('\n');
}
