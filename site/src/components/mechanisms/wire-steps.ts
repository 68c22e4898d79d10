import type { Mechanism } from '@keyless/labs';

/** Where a mechanism's arrows can be seen for real: a lab step whose Run makes those requests, and what its Wire tab shows. */
export interface WireStep {
  readonly labId: string;
  /** The step's slug (its file name without `.mdx`). */
  readonly step: string;
  /** What the Wire tab shows of the diagram's arrows after that step's Run. */
  readonly shows: string;
}

/**
 * For each compared mechanism, the step whose Wire view shows its diagram's
 * arrows: the link under the diagram opens that step with the Wire tab
 * selected (`#wire`). A mechanism without a lab Run of its own has none.
 */
export const wireSteps: Readonly<Partial<Record<Mechanism, WireStep>>> = {
  'api-key': { labId: 'welcome-api-key', step: '01-run-and-check', shows: 'the x-api-key header on every call' },
  sts: {
    labId: 'sts-temporary-credentials',
    step: '03-sign-the-call',
    shows: 'AssumeRole, then the SigV4-signed call: access key id, scope, signed headers',
  },
  'instance-profile': { labId: 'ec2-instance-profile', step: '01-imdsv2-by-hand', shows: 'the IMDSv2 token PUT and the credentials GET' },
  'cognito-client-credentials': {
    labId: 'cognito-client-credentials',
    step: '03-call-the-api',
    shows: 'the token request (scopes, the issued claims), then the bearer call',
  },
  mtls: { labId: 'mutual-tls', step: '02-call-over-mtls', shows: 'the TLS handshake with your certificate, then the call' },
  'roles-anywhere': {
    labId: 'iam-roles-anywhere',
    step: '01-sign-create-session',
    shows: 'CreateSession signed with SigV4-X509 and the session issued',
  },
  'oidc-federation': {
    labId: 'oidc-federation',
    step: '02-deploy',
    shows: 'AssumeRoleWithWebIdentity (unsigned, the ID token its credential), then the SigV4-signed deploy',
  },
};
