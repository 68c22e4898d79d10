import { conditionsHold, type RequestContext } from './conditions.ts';
import { asList, statements, wildcardMatch, type PolicyDocument, type PolicyPrincipal, type PolicyStatement } from './policy.ts';

/**
 * The parts of IAM's policy evaluation logic the sandbox needs: an explicit
 * Deny in any applicable policy wins, otherwise an Allow is required, and
 * without one the request is implicitly denied. No library evaluates IAM
 * policies in JavaScript (the AWS policy simulator is a service), hence this.
 */
export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

export interface AuthorizationRequest {
  /** `service:Action`, e.g. `execute-api:Invoke`. */
  readonly action: string;
  /** ARN of the resource acted on. */
  readonly resource: string;
  readonly context: RequestContext;
}

/** Identity-based (and session) policies: one decision over all of them. */
export function evaluatePolicies(policies: readonly PolicyDocument[], request: AuthorizationRequest): Decision {
  let allowed = false;
  for (const policy of policies) {
    for (const statement of statements(policy)) {
      if (!actionMatches(statement, request.action) || !resourceMatches(statement, request.resource)) continue;
      if (!conditionsHold(statement.Condition, request.context)) continue;
      if (statement.Effect === 'Deny') return 'explicit-deny';
      allowed = true;
    }
  }
  return allowed ? 'allow' : 'implicit-deny';
}

/** Who is asking to assume a role, in the terms a trust policy's Principal element uses. */
export type TrustPrincipal =
  /** An IAM principal: the names it may be matched by (role ARN, session ARN) and its account. */
  | { readonly type: 'AWS'; readonly arns: readonly string[]; readonly accountId: string }
  | { readonly type: 'Service'; readonly name: string }
  | { readonly type: 'Federated'; readonly provider: string };

export interface TrustDecision {
  readonly allowed: boolean;
  /**
   * True when the statement allowing sts:AssumeRole named the caller itself
   * (its role or session ARN) rather than its whole account. Within one
   * account that alone suffices; naming the account delegates the decision to
   * the caller's identity policies, which must then allow sts:AssumeRole too.
   */
  readonly namesCallerExplicitly: boolean;
}

/**
 * Evaluates a role's trust policy for every action the request needs
 * (sts:AssumeRole plus sts:TagSession when tags are passed, and so on). Each
 * must be allowed by some statement and denied by none.
 */
export function evaluateTrust(
  policy: PolicyDocument,
  request: { principal: TrustPrincipal; actions: readonly string[]; context: RequestContext },
): TrustDecision {
  let explicit = false;
  for (const action of request.actions) {
    let allowedBy: 'explicit' | 'account' | undefined;
    for (const statement of statements(policy)) {
      if (!actionMatches(statement, action)) continue;
      const match = principalMatch(statement, request.principal);
      if (!match || !conditionsHold(statement.Condition, request.context)) continue;
      if (statement.Effect === 'Deny') return { allowed: false, namesCallerExplicitly: false };
      if (allowedBy !== 'explicit') allowedBy = match;
    }
    if (!allowedBy) return { allowed: false, namesCallerExplicitly: false };
    if (action === request.actions[0]) explicit = allowedBy === 'explicit';
  }
  return { allowed: true, namesCallerExplicitly: explicit };
}

function actionMatches(statement: PolicyStatement, action: string): boolean {
  if (statement.NotAction !== undefined) return !asList(statement.NotAction).some((pattern) => wildcardMatch(pattern, action, true));
  return asList(statement.Action).some((pattern) => wildcardMatch(pattern, action, true));
}

function resourceMatches(statement: PolicyStatement, resource: string): boolean {
  if (statement.NotResource !== undefined) return !asList(statement.NotResource).some((pattern) => wildcardMatch(pattern, resource));
  // Identity policies must name a Resource; a statement without one never applies.
  return asList(statement.Resource).some((pattern) => wildcardMatch(pattern, resource));
}

/** 'explicit' if the statement names this very principal, 'account' if its account or everyone, false if not at all. */
function principalMatch(statement: PolicyStatement, principal: TrustPrincipal): 'explicit' | 'account' | false {
  if (statement.NotPrincipal !== undefined) return namedBy(statement.NotPrincipal, principal) ? false : 'account';
  if (statement.Principal === undefined) return false;
  return namedBy(statement.Principal, principal);
}

function namedBy(element: PolicyPrincipal, principal: TrustPrincipal): 'explicit' | 'account' | false {
  if (element === '*') return 'account';
  if (principal.type === 'Service') return asList(element.Service).includes(principal.name) ? 'explicit' : false;
  if (principal.type === 'Federated') return asList(element.Federated).includes(principal.provider) ? 'explicit' : false;
  let result: 'explicit' | 'account' | false = false;
  for (const name of asList(element.AWS)) {
    if (principal.arns.includes(name)) return 'explicit';
    if (name === '*' || name === principal.accountId || name === `arn:aws:iam::${principal.accountId}:root`) result = 'account';
  }
  return result;
}
