/**
 * The mechanisms the labs teach, as data: who holds which secret, what
 * crosses the wire, and the trade-offs (after the SEC304 comparison and the
 * complexity/convenience ratings in the reference material). The index page,
 * the comparison page and the diagrams all read this one list. Each profile
 * is of a mechanism the labs name (`Mechanism`, labs/src/schema/lab.ts) and
 * points at the lab that teaches it.
 */
import type { Mechanism } from '@keyless/labs';

export type Lifetime = 'long-lived' | 'short-lived' | 'never leaves';

export interface Party {
  readonly id: string;
  readonly label: string;
  /** The secret this party holds, if any. */
  readonly holds?: { readonly name: string; readonly lifetime: Lifetime };
}

export interface Flow {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  /** What crossing this arrow exposes: a reusable secret, something short-lived, or nothing reusable. */
  readonly exposes: 'secret' | 'short-lived' | 'nothing';
}

/** What the comparison page says about one mechanism. */
export interface MechanismProfile {
  readonly id: Mechanism;
  readonly name: string;
  /** Lab that teaches it. */
  readonly labId: string;
  readonly secret: string;
  readonly crossesTheWire: string;
  readonly pros: readonly string[];
  readonly cons: readonly string[];
  readonly complexity: 'low' | 'medium' | 'high';
  readonly convenience: 'medium' | 'high' | 'very high';
  readonly parties: readonly Party[];
  readonly flows: readonly Flow[];
}

export const mechanisms: readonly MechanismProfile[] = [
  {
    id: 'api-key',
    name: 'API key',
    labId: 'welcome-api-key',
    secret: 'a static key in the caller’s configuration',
    crossesTheWire: 'the key itself, on every request',
    pros: ['Quick and simple'],
    cons: ['Sent in full with every request', 'Never expires on its own', 'Names no one: anyone holding it is “the caller”'],
    complexity: 'low',
    convenience: 'very high',
    parties: [
      { id: 'caller', label: 'Caller', holds: { name: 'API key', lifetime: 'long-lived' } },
      { id: 'api', label: 'Orders API' },
    ],
    flows: [{ from: 'caller', to: 'api', label: 'x-api-key: the key', exposes: 'secret' }],
  },
  {
    id: 'sts',
    name: 'STS temporary credentials',
    labId: 'sts-temporary-credentials',
    secret: 'role credentials that expire (15 min – 12 h)',
    crossesTheWire: 'a SigV4 signature; the secret key never leaves the caller',
    pros: ['Short-lived', 'Scoped by the role’s policies', 'Captured requests expire within minutes'],
    cons: ['Needs credentials to start from'],
    complexity: 'low',
    convenience: 'very high',
    parties: [
      { id: 'caller', label: 'Caller', holds: { name: 'session credentials', lifetime: 'short-lived' } },
      { id: 'sts', label: 'AWS STS' },
      { id: 'api', label: 'Orders API (IAM)' },
    ],
    flows: [
      { from: 'caller', to: 'sts', label: 'AssumeRole (SigV4)', exposes: 'nothing' },
      { from: 'sts', to: 'caller', label: 'temporary credentials', exposes: 'short-lived' },
      { from: 'caller', to: 'api', label: 'request + SigV4 signature', exposes: 'nothing' },
    ],
  },
  {
    id: 'instance-profile',
    name: 'EC2 instance profile',
    labId: 'ec2-instance-profile',
    secret: 'role credentials delivered by the instance metadata service',
    crossesTheWire: 'a SigV4 signature',
    pros: ['Transparent: the SDK finds the credentials', 'Kept in memory, rotated by AWS', 'Short-lived'],
    cons: ['Only for workloads running on AWS'],
    complexity: 'low',
    convenience: 'very high',
    parties: [
      { id: 'imds', label: 'IMDS (on the instance)' },
      { id: 'caller', label: 'Your code', holds: { name: 'role credentials', lifetime: 'short-lived' } },
      { id: 'api', label: 'Orders API (IAM)' },
    ],
    flows: [
      { from: 'caller', to: 'imds', label: 'PUT token, GET credentials', exposes: 'nothing' },
      { from: 'imds', to: 'caller', label: 'role credentials', exposes: 'short-lived' },
      { from: 'caller', to: 'api', label: 'request + SigV4 signature', exposes: 'nothing' },
    ],
  },
  {
    id: 'cognito-client-credentials',
    name: 'Cognito client credentials',
    labId: 'cognito-client-credentials',
    secret: 'a client secret, sent only to the token endpoint',
    crossesTheWire: 'a short-lived, scoped access token',
    pros: ['The API only sees tokens that expire', 'Scopes limit each token'],
    cons: ['Needs an OAuth server (Amazon Cognito) between the parties', 'The client secret is still long-lived'],
    complexity: 'medium',
    convenience: 'high',
    parties: [
      { id: 'caller', label: 'Caller', holds: { name: 'client secret', lifetime: 'long-lived' } },
      { id: 'cognito', label: 'Token endpoint' },
      { id: 'api', label: 'Orders API (JWT)' },
    ],
    flows: [
      { from: 'caller', to: 'cognito', label: 'client id + secret (Basic)', exposes: 'secret' },
      { from: 'cognito', to: 'caller', label: 'access token, 1 h, scoped', exposes: 'short-lived' },
      { from: 'caller', to: 'api', label: 'Authorization: Bearer token', exposes: 'short-lived' },
    ],
  },
  {
    id: 'mtls',
    name: 'Mutual TLS',
    labId: 'mutual-tls',
    secret: 'a private key that never leaves the caller',
    crossesTheWire: 'a certificate and a handshake signature',
    pros: ['Both ends are verified', 'No credential is transferred'],
    cons: ['PKI to run on both ends: issuance, rotation, revocation', 'API Gateway needs an authorizer to honour revocation'],
    complexity: 'medium',
    convenience: 'high',
    parties: [
      { id: 'caller', label: 'Caller', holds: { name: 'private key', lifetime: 'never leaves' } },
      { id: 'ca', label: 'Workshop CA' },
      { id: 'api', label: 'Orders API (mTLS)' },
    ],
    flows: [
      { from: 'caller', to: 'ca', label: 'CSR (public key only)', exposes: 'nothing' },
      { from: 'ca', to: 'caller', label: 'certificate', exposes: 'nothing' },
      { from: 'caller', to: 'api', label: 'TLS handshake: cert + signature', exposes: 'nothing' },
    ],
  },
  {
    id: 'roles-anywhere',
    name: 'IAM Roles Anywhere',
    labId: 'iam-roles-anywhere',
    secret: 'a private key; then role credentials that expire',
    crossesTheWire: 'a SigV4-X509 signature, then SigV4 signatures',
    pros: ['Short-lived AWS credentials outside AWS', 'No AWS secret is stored on the machine'],
    cons: ['Requires PKI management', 'Revocation means importing a CRL'],
    complexity: 'medium',
    convenience: 'high',
    parties: [
      { id: 'caller', label: 'Workload outside AWS', holds: { name: 'private key', lifetime: 'never leaves' } },
      { id: 'ra', label: 'Roles Anywhere' },
      { id: 'api', label: 'Orders API (IAM)' },
    ],
    flows: [
      { from: 'caller', to: 'ra', label: 'CreateSession + cert + signature', exposes: 'nothing' },
      { from: 'ra', to: 'caller', label: 'temporary credentials', exposes: 'short-lived' },
      { from: 'caller', to: 'api', label: 'request + SigV4 signature', exposes: 'nothing' },
    ],
  },
];
