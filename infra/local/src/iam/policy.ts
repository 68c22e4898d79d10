import { z } from 'zod';

/**
 * IAM JSON policy documents (identity, trust and session policies), as far
 * as the sandbox evaluates them. Parsing is strict about the grammar AWS
 * enforces (Effect, Action/NotAction, Resource/NotResource, Condition blocks)
 * so an attendee's session policy with a typo is `MalformedPolicyDocument`,
 * as on AWS, instead of silently granting or denying.
 */

const stringOrList = z.union([z.string(), z.array(z.string()).min(1)]);
/** Condition values may be strings, booleans or numbers in JSON; AWS compares them as strings. */
const conditionValues = z.union([z.string(), z.boolean(), z.number(), z.array(z.union([z.string(), z.boolean(), z.number()])).min(1)]);
const principal = z.union([
  z.literal('*'),
  z
    .object({
      AWS: stringOrList.optional(),
      Service: stringOrList.optional(),
      Federated: stringOrList.optional(),
      CanonicalUser: stringOrList.optional(),
    })
    .strict(),
]);

const statement = z
  .object({
    Sid: z.string().optional(),
    Effect: z.enum(['Allow', 'Deny']),
    Principal: principal.optional(),
    NotPrincipal: principal.optional(),
    Action: stringOrList.optional(),
    NotAction: stringOrList.optional(),
    Resource: stringOrList.optional(),
    NotResource: stringOrList.optional(),
    Condition: z.record(z.string(), z.record(z.string(), conditionValues)).optional(),
  })
  .strict()
  .refine((s) => (s.Action === undefined) !== (s.NotAction === undefined), {
    message: 'each statement needs exactly one of Action or NotAction',
  })
  .refine((s) => s.Resource === undefined || s.NotResource === undefined, {
    message: 'a statement may not have both Resource and NotResource',
  });

const document = z
  .object({
    Version: z.enum(['2012-10-17', '2008-10-17']).optional(),
    Id: z.string().optional(),
    Statement: z.union([statement, z.array(statement).min(1)]),
  })
  .strict();

export type PolicyStatement = z.infer<typeof statement>;
export type PolicyDocument = z.infer<typeof document>;
export type PolicyPrincipal = z.infer<typeof principal>;

export class MalformedPolicyError extends Error {}

/** Parses a policy from JSON text; throws MalformedPolicyError with AWS-like wording. */
export function parsePolicy(json: string): PolicyDocument {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new MalformedPolicyError('Syntax errors in policy.');
  }
  const result = document.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new MalformedPolicyError(
      `Syntax errors in policy: ${issue ? `${issue.path.join('.') || 'document'}: ${issue.message}` : 'invalid document'}.`,
    );
  }
  return result.data;
}

export function statements(policy: PolicyDocument): readonly PolicyStatement[] {
  return Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
}

export function asList<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/**
 * IAM wildcard match: `*` is any run of characters, `?` exactly one. Used for
 * actions (case-insensitive), resources and the `*Like` condition operators.
 */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  let source = '^';
  for (const char of pattern) {
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${source}$`, ignoreCase ? 'is' : 's').test(value);
}
