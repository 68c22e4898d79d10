import type { Decision } from './evaluate.ts';

/** An authorization that did not allow: who asked for which action on which resource, and IAM's decision. */
export interface Denial {
  /** The caller's ARN (for a role session, the assumed-role ARN). */
  readonly principal: string;
  /** `service:Action`. */
  readonly action: string;
  readonly resource: string;
  readonly decision: Decision;
}

/**
 * How much of the decision a service's message tells:
 * - `reason`: IAM's current wording, as Cognito answers ("… because no
 *   identity-based policy allows the <action> action" / "… with an explicit
 *   deny in an identity-based policy");
 * - `explicit-deny`: API Gateway's, which names an explicit deny only;
 * - `none`: STS AssumeRole's, which says nothing of why (a missing role and
 *   a trust policy that does not trust the caller read the same).
 */
export type DenialDetail = 'reason' | 'explicit-deny' | 'none';

/**
 * `User: <principal> is not authorized to perform: <action> on resource:
 * <resource>`, the sentence every IAM-authorized AWS service answers a
 * denial with, followed by what that service says of the decision.
 */
export function notAuthorizedMessage(denial: Denial, detail: DenialDetail): string {
  const sentence = `User: ${denial.principal} is not authorized to perform: ${denial.action} on resource: ${denial.resource}`;
  const explicit = denial.decision === 'explicit-deny';
  switch (detail) {
    case 'reason':
      return `${sentence} ${explicit ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${denial.action} action`}`;
    case 'explicit-deny':
      return explicit ? `${sentence} with an explicit deny` : sentence;
    case 'none':
      return sentence;
  }
}
