import type { Lab } from './loader.ts';
import { regionBodies, replaceRegions } from './regions.ts';

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
