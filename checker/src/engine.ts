import { join } from 'node:path';
import { LabContentError, type CheckDefinition, type Lab } from '@keyless/labs';
import type { Sandbox } from '@keyless/labs/sandbox';
import { AWS_EVIDENCE_UNAVAILABLE, awsUnavailableExplanation } from './aws-evidence-sources.ts';
import { checkKinds } from './checks/index.ts';
import type { CheckKind, CheckOutcome } from './types.ts';

export interface CheckResult extends CheckOutcome {
  readonly checkId: string;
  readonly title: string;
  /** Shown when the check fails. */
  readonly hint: string;
}

export interface LabReport {
  readonly labId: string;
  readonly checkedAt: number;
  readonly results: readonly CheckResult[];
  readonly passed: boolean;
}

interface CompiledCheck {
  readonly definition: CheckDefinition;
  readonly kind: CheckKind;
  readonly params: unknown;
}

const compiled = new WeakMap<Lab, CompiledCheck[]>();

/**
 * Validates every check of a lab against its kind's parameter schema, once.
 * Throws a LabContentError naming the file, the check and the fix.
 */
export function compileChecks(lab: Lab, kinds: ReadonlyMap<string, CheckKind> = checkKinds): CompiledCheck[] {
  const cached = compiled.get(lab);
  if (cached) return cached;
  const file = join(lab.dir, 'lab.yaml');
  const result = lab.definition.checks.map((definition) => {
    const kind = kinds.get(definition.kind);
    if (!kind) {
      throw new LabContentError({
        file,
        field: `checks.${definition.id}.kind`,
        message: `unknown check kind "${definition.kind}"`,
        hint: `use one of: ${[...kinds.keys()].join(', ')}`,
      });
    }
    const parsed = kind.params.safeParse(definition.with);
    if (!parsed.success) {
      throw LabContentError.fromZod({
        file,
        error: parsed.error,
        fieldPrefix: `checks.${definition.id}.with`,
        hint: `see the params schema in checker/src/checks/${definition.kind}.ts`,
      });
    }
    return { definition, kind, params: parsed.data };
  });
  compiled.set(lab, result);
  return result;
}

export interface CheckLabOptions {
  readonly lab: Lab;
  readonly sandbox: Sandbox;
  /** Only these checks (e.g. one step's); default all. */
  readonly checkIds?: readonly string[];
  readonly kinds?: ReadonlyMap<string, CheckKind>;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const POLL_INTERVAL_MS = 500;

/**
 * Evaluates a lab's checks against a sandbox. A failing check is retried for
 * the sandbox's consistency window, so evidence that is still on its way
 * (AWS) does not fail an attendee who did the right thing.
 */
export async function checkLab(options: CheckLabOptions): Promise<LabReport> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const wanted = options.checkIds ? new Set(options.checkIds) : undefined;
  const checks = compileChecks(options.lab, options.kinds).filter((check) => !wanted || wanted.has(check.definition.id));
  const deadline = now() + options.sandbox.consistencyWindowMs;
  const sandbox = scopedToLab(options.sandbox, options.lab.definition.id);
  const results = await Promise.all(
    checks.map(async (check) => {
      let outcome = await evaluateSafely(check, sandbox);
      // Evidence AWS mode cannot give will not arrive by waiting.
      while (outcome.status === 'fail' && outcome.messageKey !== AWS_EVIDENCE_UNAVAILABLE && now() + POLL_INTERVAL_MS <= deadline) {
        await sleep(POLL_INTERVAL_MS);
        outcome = await evaluateSafely(check, sandbox);
      }
      return { checkId: check.definition.id, title: check.definition.title, hint: check.definition.hint, ...outcome };
    }),
  );
  return {
    labId: options.lab.definition.id,
    checkedAt: now(),
    results,
    passed: results.every((result) => result.status !== 'fail'),
  };
}

/**
 * The sandbox as a lab's checks see it: evidence of this lab's Runs only, so
 * lab 2's IMDS check cannot turn green from lab 1's work.
 */
function scopedToLab(sandbox: Sandbox, labId: string): Sandbox {
  const evidence = sandbox.evidence;
  return { ...sandbox, evidence: { query: (query) => evidence.query({ ...query, labId }) } };
}

async function evaluateSafely(check: CompiledCheck, sandbox: Sandbox): Promise<CheckOutcome> {
  const unavailable = sandbox.mode === 'aws' ? awsUnavailableExplanation(check.kind.kind) : undefined;
  if (unavailable !== undefined) return { status: 'fail', messageKey: AWS_EVIDENCE_UNAVAILABLE, explanation: unavailable };
  try {
    return await check.kind.evaluate(sandbox, check.params);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { status: 'fail', messageKey: 'check.error', explanation: `The check could not read your sandbox: ${reason}` };
  }
}
