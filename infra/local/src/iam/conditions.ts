import { asList, wildcardMatch } from './policy.ts';

/**
 * The request context a policy's Condition block is evaluated against:
 * lower-cased key → values (one for single-valued keys such as
 * `aws:PrincipalArn`, several for `aws:TagKeys`). Keys are case-insensitive
 * in IAM; values are not (except for the *IgnoreCase operators).
 */
export type RequestContext = ReadonlyMap<string, readonly string[]>;

export function requestContext(entries: Record<string, string | readonly string[] | undefined>): Map<string, readonly string[]> {
  const context = new Map<string, readonly string[]>();
  for (const [key, value] of Object.entries(entries)) {
    if (value !== undefined) context.set(key.toLowerCase(), typeof value === 'string' ? [value] : value);
  }
  return context;
}

type Compare = (contextValue: string, policyValue: string) => boolean;

const numeric =
  (test: (a: number, b: number) => boolean): Compare =>
  (a, b) => {
    const left = Number(a);
    const right = Number(b);
    return !Number.isNaN(left) && !Number.isNaN(right) && test(left, right);
  };
/** Dates are ISO 8601 or epoch seconds, as IAM accepts both. */
const toTime = (value: string): number => (/^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value));
const date =
  (test: (a: number, b: number) => boolean): Compare =>
  (a, b) => {
    const left = toTime(a);
    const right = toTime(b);
    return !Number.isNaN(left) && !Number.isNaN(right) && test(left, right);
  };

/** Positive operators; each negated one (`StringNotEquals`…) is "no value matches" of its positive twin. */
const OPERATORS: Readonly<Record<string, Compare>> = {
  stringequals: (a, b) => a === b,
  stringequalsignorecase: (a, b) => a.toLowerCase() === b.toLowerCase(),
  stringlike: (a, b) => wildcardMatch(b, a),
  arnequals: (a, b) => wildcardMatch(b, a),
  arnlike: (a, b) => wildcardMatch(b, a),
  numericequals: numeric((a, b) => a === b),
  numericlessthan: numeric((a, b) => a < b),
  numericlessthanequals: numeric((a, b) => a <= b),
  numericgreaterthan: numeric((a, b) => a > b),
  numericgreaterthanequals: numeric((a, b) => a >= b),
  dateequals: date((a, b) => a === b),
  datelessthan: date((a, b) => a < b),
  datelessthanequals: date((a, b) => a <= b),
  dategreaterthan: date((a, b) => a > b),
  dategreaterthanequals: date((a, b) => a >= b),
  bool: (a, b) => a.toLowerCase() === b.toLowerCase(),
};
const NEGATED: Readonly<Record<string, string>> = {
  stringnotequals: 'stringequals',
  stringnotequalsignorecase: 'stringequalsignorecase',
  stringnotlike: 'stringlike',
  arnnotequals: 'arnequals',
  arnnotlike: 'arnlike',
  numericnotequals: 'numericequals',
  datenotequals: 'dateequals',
};

export class UnsupportedConditionError extends Error {}

/** Throws for an operator the evaluator does not know, so a policy is never half-evaluated. */
export function checkOperator(operator: string): void {
  const { base } = splitOperator(operator);
  if (base !== 'null' && !OPERATORS[base] && !NEGATED[base]) {
    throw new UnsupportedConditionError(`Condition operator ${operator} is not supported by the local sandbox.`);
  }
}

/**
 * Evaluates one Condition block: every operator, and every key inside an
 * operator, must hold (AND); the values listed for one key are alternatives
 * (OR). Semantics follow the IAM reference for single- and multi-valued keys:
 * a missing key fails a positive operator and satisfies a negated one;
 * `...IfExists` is true when the key is missing; `ForAllValues:` is true for
 * an empty set, `ForAnyValue:` false.
 */
export function conditionsHold(
  block: Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined,
  context: RequestContext,
): boolean {
  if (!block) return true;
  for (const [operator, keys] of Object.entries(block)) {
    for (const [key, rawValues] of Object.entries(keys)) {
      const values = asList(rawValues as string | readonly string[]).map(String);
      if (!operatorHolds(operator, context.get(key.toLowerCase()), values)) return false;
    }
  }
  return true;
}

function splitOperator(operator: string): { qualifier: 'any' | 'all' | undefined; base: string; ifExists: boolean } {
  let name = operator.toLowerCase();
  let qualifier: 'any' | 'all' | undefined;
  if (name.startsWith('foranyvalue:')) [qualifier, name] = ['any', name.slice(12)];
  else if (name.startsWith('forallvalues:')) [qualifier, name] = ['all', name.slice(13)];
  const ifExists = name.endsWith('ifexists');
  return { qualifier, base: ifExists ? name.slice(0, -8) : name, ifExists };
}

function operatorHolds(operator: string, contextValues: readonly string[] | undefined, policyValues: readonly string[]): boolean {
  const { qualifier, base, ifExists } = splitOperator(operator);
  const present = contextValues !== undefined && contextValues.length > 0;
  if (base === 'null') {
    // {"Null": {"key": "true"}} holds when the key is absent.
    return policyValues.some((value) => (value.toLowerCase() === 'true') === !present);
  }
  const negatedOf = NEGATED[base];
  const compare = OPERATORS[negatedOf ?? base];
  if (!compare) throw new UnsupportedConditionError(`Condition operator ${operator} is not supported by the local sandbox.`);
  if (!present) {
    if (ifExists) return true;
    if (qualifier === 'all') return true;
    if (qualifier === 'any') return false;
    return negatedOf !== undefined;
  }
  const matches = (value: string): boolean => policyValues.some((policyValue) => compare(value, policyValue));
  const holdsFor = (value: string): boolean => (negatedOf ? !matches(value) : matches(value));
  if (qualifier === 'all') return contextValues.every(holdsFor);
  if (qualifier === 'any') return contextValues.some(holdsFor);
  // Unqualified: a negated operator holds when no value matches.
  if (negatedOf) return !contextValues.some(matches);
  return contextValues.some(matches);
}
