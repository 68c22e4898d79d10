import { LabContentError } from './errors.ts';
import type { LabDefinition, SandboxNeed } from './schema/lab.ts';
import type { StepFrontmatter } from './schema/step.ts';

/**
 * Check kinds whose evidence only the instance runner can produce: a browser
 * has no instance metadata service (IMDS), cannot present a TLS client
 * certificate it holds the key of to another origin, and so cannot sign a
 * Roles Anywhere CreateSession with one either.
 */
export const INSTANCE_ONLY_CHECK_KINDS: ReadonlySet<string> = new Set([
  'imds-request',
  'tls-handshake',
  'certificate',
  'revocation-enforced',
  'rolesanywhere-session',
]);

/** Sandbox services a browser Run cannot use, for the same reasons. */
export const INSTANCE_ONLY_NEEDS: ReadonlySet<SandboxNeed> = new Set<SandboxNeed>(['imds', 'mtls', 'roles-anywhere']);

/** Where a step's Run may go: `instance` only, or the browser first (falling back to the instance when no WebContainer boots). */
export type StepPlacement = 'instance' | 'browser';

/** Resolves a step's `runner` (`auto` by default) against what its lab and checks need. */
export function stepPlacement(
  lab: Pick<LabDefinition, 'needs' | 'checks'>,
  step: Pick<StepFrontmatter, 'runner' | 'checks'>,
): StepPlacement {
  if (step.runner === 'instance') return 'instance';
  if (step.runner === 'browser') return 'browser';
  const kinds = lab.checks.filter((check) => step.checks.includes(check.id)).map((check) => check.kind);
  const instanceOnly = lab.needs.some((need) => INSTANCE_ONLY_NEEDS.has(need)) || kinds.some((kind) => INSTANCE_ONLY_CHECK_KINDS.has(kind));
  return instanceOnly ? 'instance' : 'browser';
}

/** Refuses a step that says `runner: browser` but completes a check only the instance runner can produce evidence for. */
export function validateRunnerPlacement(
  definition: Pick<LabDefinition, 'checks'>,
  steps: readonly { file: string; frontmatter: Pick<StepFrontmatter, 'runner' | 'checks'> }[],
): void {
  for (const step of steps) {
    if (step.frontmatter.runner !== 'browser') continue;
    const blocking = definition.checks.filter(
      (check) => step.frontmatter.checks.includes(check.id) && INSTANCE_ONLY_CHECK_KINDS.has(check.kind),
    );
    const first = blocking[0];
    if (!first) continue;
    throw new LabContentError({
      file: step.file,
      field: 'runner',
      message: `"browser" cannot produce the evidence of check "${first.id}" (kind ${first.kind}): a browser has no IMDS and no TLS client certificate`,
      hint: 'set runner: instance (or leave it out: auto picks the instance for such a step)',
    });
  }
}
