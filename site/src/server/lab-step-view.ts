import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stepPlacement, type Lab, type LabStep } from '@keyless/labs';
import { containerManifest } from '../client/browser-runner/file-tree.ts';
import { labUsesBrowser } from './browser-runs.ts';
import type { KeylessRuntime } from './runtime.ts';

/** Where a lab step's Runs go, for the page: its placement, the template a WebContainer mounts, and the line the page starts with. */
export interface StepRunner {
  readonly placement: 'instance' | 'browser';
  readonly browserTemplate?: Readonly<Record<string, string>>;
  readonly runnerLine: string;
}

export function stepRunner(runtime: Pick<KeylessRuntime, 'browserRuns'>, lab: Lab, step: LabStep): StepRunner {
  const placement = stepPlacement(lab.definition, step.frontmatter);
  if (placement === 'instance') {
    return { placement, runnerLine: 'Runs on your sandbox instance: this step needs what only it has (IMDS, a client certificate).' };
  }
  if (!runtime.browserRuns || !labUsesBrowser(lab)) {
    return { placement, runnerLine: 'Runs on your sandbox instance (this server does not offer browser Runs).' };
  }
  // The lab template beside the labs folder (labs/templates/node), as the instance runner's packages come from it too.
  const manifest = readFileSync(join(lab.dir, '..', '..', 'templates', 'node', 'package.json'), 'utf8');
  return {
    placement,
    browserTemplate: { 'package.json': containerManifest(manifest) },
    runnerLine: 'Runs on your sandbox instance until the browser runner (WebContainer) has started.',
  };
}

/** The lab's core checks (those of its non-stretch steps) and whether all of them passed: the lab's done state. */
export function labCompletion(
  lab: Lab,
  results: readonly { checkId: string; status: string }[],
): { coreCheckIds: string[]; done: boolean } {
  const coreCheckIds = lab.steps.filter((step) => !step.frontmatter.stretch).flatMap((step) => step.frontmatter.checks);
  const passed = new Set(results.filter((result) => result.status === 'pass').map((result) => result.checkId));
  return { coreCheckIds, done: coreCheckIds.length > 0 && coreCheckIds.every((id) => passed.has(id)) };
}

/** The next lab in the curriculum's order, for the done card's link. */
export function nextLab(labs: readonly Lab[], lab: Lab): { href: string; title: string } | undefined {
  const following = labs[labs.indexOf(lab) + 1];
  const first = following?.steps[0];
  return following && first ? { href: `/labs/${following.definition.id}/${first.slug}`, title: following.definition.title } : undefined;
}
