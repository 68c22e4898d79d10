/**
 * Where each check kind's evidence comes from in AWS mode. Locally the
 * emulator sees everything; in a real account only what the event stack's
 * own Lambdas, the instance's IMDS recorder or a describe call can see is
 * evidence. CloudTrail sees the rest, but minutes late: too slow for a Check
 * in a one-hour session (ARCHITECTURE.md, "The Sandbox contract").
 *
 * A kind marked `unavailable` fails in AWS mode with message key
 * AWS_EVIDENCE_UNAVAILABLE and the reason below, at once (no polling): a check
 * that cannot see what it needs fails and says why, never waves anyone
 * through (labs/src/check-status.ts). Data, not logic: a kind that gains a source in AWS
 * changes its line here.
 */
export type AwsEvidenceSource = 'evidence-table' | 'instance-recorder' | 'control-plane' | 'unavailable';

export interface AwsEvidence {
  readonly source: AwsEvidenceSource;
  /** Who records it, or why nobody can, in words for the attendee and the docs. */
  readonly via: string;
}

export const AWS_EVIDENCE_UNAVAILABLE = 'aws.evidence-unavailable';

export const AWS_EVIDENCE_SOURCES: Readonly<Record<string, AwsEvidence>> = {
  'user-pool-client': { source: 'control-plane', via: 'Cognito DescribeUserPoolClient on the event’s user pool' },
  'token-issued': {
    source: 'evidence-table',
    via: 'the user pool’s pre token generation trigger (tokens issued; a refused token request reaches no Lambda)',
  },
  'token-reuse': { source: 'evidence-table', via: 'the token trigger and the Orders API Lambda (token ids)' },
  'api-call': { source: 'evidence-table', via: 'the Orders API Lambda behind each front door' },
  'control-plane-call': {
    source: 'unavailable',
    via: 'your Cognito control-plane calls are visible only to CloudTrail, minutes later',
  },
  'sts-call': { source: 'unavailable', via: 'STS calls are visible only to CloudTrail, minutes later' },
  'imds-request': { source: 'instance-recorder', via: 'the recorder in front of your instance’s metadata service' },
  'tls-handshake': {
    source: 'evidence-table',
    via: 'the mutual-TLS door’s authorizer (a handshake API Gateway refuses before it is not seen)',
  },
  certificate: { source: 'evidence-table', via: 'the workshop PKI Lambda' },
  'rolesanywhere-session': {
    source: 'unavailable',
    via: 'IAM Roles Anywhere CreateSession is visible only to CloudTrail, minutes later',
  },
  decision: { source: 'evidence-table', via: 'the architecture-review Lambda' },
  'revocation-enforced': { source: 'evidence-table', via: 'the workshop PKI and the mutual-TLS door’s authorizer' },
};

/** The explanation for a check of `kind` that AWS mode cannot verify, or undefined when it can. */
export function awsUnavailableExplanation(kind: string): string | undefined {
  const entry = AWS_EVIDENCE_SOURCES[kind];
  if (!entry || entry.source !== 'unavailable') return undefined;
  return `Not verifiable in AWS mode: ${entry.via}. Your code may well be right; this check only runs against the local sandbox.`;
}
