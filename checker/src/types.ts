import type { CheckStatus } from '@keyless/labs';
import type { Sandbox } from '@keyless/labs/sandbox';
import type { z } from 'zod';

export type { CheckStatus };

/** What one check concluded, and why, in words an attendee can act on. */
export interface CheckOutcome {
  readonly status: CheckStatus;
  /** Stable key for the message, e.g. `token-issued.wrong-scope` (for i18n and analytics). */
  readonly messageKey: string;
  /** Which assertion held or failed, with what the sandbox actually saw. */
  readonly explanation: string;
}

/** A check kind: a pure function of a Sandbox and typed parameters. */
export interface CheckKind<S extends z.ZodType = z.ZodType> {
  readonly kind: string;
  /** Validates the `with:` block of checks of this kind. */
  readonly params: S;
  evaluate(sandbox: Sandbox, params: z.infer<S>): Promise<CheckOutcome>;
}

/** Helper that keeps the parameter type of a kind tied to its schema. */
export function defineCheckKind<S extends z.ZodType>(kind: CheckKind<S>): CheckKind<S> {
  return kind;
}

export function pass(messageKey: string, explanation: string): CheckOutcome {
  return { status: 'pass', messageKey, explanation };
}

export function fail(messageKey: string, explanation: string): CheckOutcome {
  return { status: 'fail', messageKey, explanation };
}

/** Formats a list for an explanation: `a, b and c` / `none`. */
export function listOf(items: readonly string[]): string {
  if (items.length === 0) return 'none';
  if (items.length === 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}
