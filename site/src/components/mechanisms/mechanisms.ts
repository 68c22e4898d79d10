/**
 * The mechanisms the labs teach, as data: who holds which secret, what
 * crosses the wire, and the trade-offs (after the SEC304 comparison and the
 * complexity/convenience ratings of the machine-to-machine blog post in the
 * reference material, which rates SigV4, mutual TLS and OIDC; the other
 * ratings are ours, and `ratedBy` says which is which). The index page,
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
  /**
   * What someone who captures this arrow gets: a reusable secret, something
   * short-lived (a token or credentials, or a signed request that yields
   * fresh credentials when replayed within its window), or nothing reusable.
   */
  readonly exposes: 'secret' | 'short-lived' | 'nothing';
}

/** An AWS documentation page a statement of the card rests on. */
export interface Source {
  readonly title: string;
  readonly url: string;
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
  /** How hard it is to set up (PKI, an OAuth server, trust policies), on the reference's five-grade scale. */
  readonly complexity: 'low' | 'medium' | 'high';
  /** How easy it is to live with day to day (rotation, renewal, what the workload's code must do). */
  readonly convenience: 'medium' | 'high' | 'very high';
  /** `source`: the reference's own rating (SigV4, mutual TLS, OIDC); `estimate`: ours, by the same two questions. */
  readonly ratedBy: 'source' | 'estimate';
  readonly sources: readonly Source[];
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
    cons: [
      'Sent in full with every request',
      'Never expires on its own',
      'Names no one: anyone holding it is “the caller”',
      'API Gateway meters usage plans with it; AWS says not to use it for authentication or authorization',
    ],
    complexity: 'low',
    convenience: 'very high',
    ratedBy: 'estimate',
    sources: [
      {
        title: 'Usage plans and API keys for REST APIs in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html',
      },
    ],
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
    secret:
      'role credentials that expire (15 min up to the role’s maximum of 1–12 h; at most 1 h when one role session assumes another, as in these labs)',
    crossesTheWire: 'a SigV4 signature; the secret key never leaves the caller',
    pros: ['Short-lived', 'Scoped by the role’s policies', 'A captured API request is refused once its signature is about 5 minutes old'],
    cons: [
      'Needs credentials to start from',
      'A captured AssumeRole request replayed within those minutes gets fresh credentials, not only “that request”',
      'The session name is whatever the caller chose, unless the trust policy constrains sts:RoleSessionName or requires a SourceIdentity',
      'Not every STS call is signed: AssumeRoleWithWebIdentity and AssumeRoleWithSAML carry a token instead',
    ],
    complexity: 'low',
    convenience: 'very high',
    ratedBy: 'source',
    sources: [
      { title: 'AssumeRole (AWS STS API Reference)', url: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html' },
      {
        title: 'Roles terms and concepts: role chaining',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html#iam-term-role-chaining',
      },
      {
        title: 'Elements of an AWS API request signature (SigV4)',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-signing-elements.html',
      },
      {
        title: 'IAM and AWS STS condition keys: sts:RoleSessionName, sts:SourceIdentity',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html',
      },
      {
        title: 'AssumeRoleWithWebIdentity (needs no AWS credentials)',
        url: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html',
      },
    ],
    parties: [
      { id: 'caller', label: 'Caller', holds: { name: 'session credentials', lifetime: 'short-lived' } },
      { id: 'sts', label: 'AWS STS' },
      { id: 'api', label: 'Orders API (IAM)' },
    ],
    flows: [
      { from: 'caller', to: 'sts', label: 'AssumeRole (SigV4)', exposes: 'short-lived' },
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
    cons: [
      'Only for workloads running on AWS',
      'Anything on the instance that can make HTTP requests can read them: require IMDSv2 (HttpTokens=required), as SDKs fall back to IMDSv1 when the token request fails',
      'Stolen credentials work elsewhere unless policies test aws:EC2InstanceSourceVPC / aws:EC2InstanceSourcePrivateIPv4',
    ],
    complexity: 'low',
    convenience: 'very high',
    ratedBy: 'estimate',
    sources: [
      {
        title: 'Use IMDSv2 (Amazon EC2 User Guide)',
        url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html',
      },
      {
        title: 'IMDS credential provider: IMDSv1 fallback on 403, 404, 405',
        url: 'https://docs.aws.amazon.com/sdkref/latest/guide/feature-imds-credentials.html',
      },
      {
        title: 'AWS global condition context keys: aws:EC2InstanceSourceVPC',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
      },
    ],
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
    crossesTheWire: 'the client secret, to the token endpoint; then a short-lived, scoped access token, to the API',
    pros: ['The API only sees tokens that expire', 'Scopes limit each token'],
    cons: [
      'Needs an OAuth server (Amazon Cognito) between the parties',
      'The client secret is still long-lived, and crosses the wire on every token request',
      'An access token cannot be revoked: it verifies until it expires, so keep its validity short',
      'Tokens call your APIs, not AWS’s: AWS APIs want SigV4',
    ],
    complexity: 'medium',
    convenience: 'high',
    ratedBy: 'estimate',
    sources: [
      {
        title: 'The token endpoint (Amazon Cognito)',
        url: 'https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html',
      },
      {
        title: 'Understanding the access token (Amazon Cognito)',
        url: 'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html',
      },
    ],
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
    cons: [
      'PKI to run on both ends: issuance, rotation, revocation',
      'A CA vouches for whatever the CSR asked for unless you control who may issue: AWS Private CA copies Subject and SAN from the CSR',
      'API Gateway checks chain and expiry, not revocation: that takes an authorizer (only ALB in verify mode reads CRLs itself)',
    ],
    complexity: 'medium',
    convenience: 'high',
    ratedBy: 'source',
    sources: [
      {
        title: 'Mutual TLS authentication for REST APIs (API Gateway)',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html',
      },
      {
        title: 'Mutual authentication with TLS in Application Load Balancer',
        url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/mutual-authentication.html',
      },
      {
        title: 'AWS Private CA template order of operations',
        url: 'https://docs.aws.amazon.com/privateca/latest/userguide/template-order-of-operations.html',
      },
    ],
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
    pros: ['Short-lived AWS credentials outside AWS', 'No AWS access key is stored on the machine'],
    cons: [
      'Requires PKI management: issuing the certificate is the bootstrap problem, moved rather than removed',
      'The private key is on the machine; it never leaves only when it is hardware-backed (TPM, PKCS#11)',
      'A captured CreateSession request replayed within its signature window gets fresh credentials',
      'Revocation means importing a CRL',
    ],
    complexity: 'medium',
    convenience: 'high',
    ratedBy: 'estimate',
    sources: [
      {
        title: 'IAM Roles Anywhere: authentication (CreateSession signing)',
        url: 'https://docs.aws.amazon.com/rolesanywhere/latest/userguide/authentication.html',
      },
      {
        title: 'Obtaining temporary credentials with the credential helper',
        url: 'https://docs.aws.amazon.com/rolesanywhere/latest/userguide/credential-helper.html',
      },
    ],
    parties: [
      { id: 'caller', label: 'Workload outside AWS', holds: { name: 'private key', lifetime: 'never leaves' } },
      { id: 'ra', label: 'Roles Anywhere' },
      { id: 'api', label: 'Orders API (IAM)' },
    ],
    flows: [
      { from: 'caller', to: 'ra', label: 'CreateSession + cert + signature', exposes: 'short-lived' },
      { from: 'ra', to: 'caller', label: 'temporary credentials', exposes: 'short-lived' },
      { from: 'caller', to: 'api', label: 'request + SigV4 signature', exposes: 'nothing' },
    ],
  },
  {
    id: 'oidc-federation',
    name: 'OIDC federation (CI/CD)',
    labId: 'oidc-federation',
    secret: 'nothing long-lived: the CI system signs a five-minute ID token per job',
    crossesTheWire: 'an ID token to STS (unsigned AssumeRoleWithWebIdentity), then SigV4 signatures',
    pros: [
      'No AWS secret in the pipeline or its secrets store',
      'The role trusts one repository, branch or environment (the sub claim), audited per job',
    ],
    cons: [
      'A trust policy without a sub condition trusts every job the issuer serves: with GitHub, any repository',
      'Needs an IAM OIDC provider and a role trust policy per pipeline (the reference says no trust is needed; for AssumeRoleWithWebIdentity it is)',
      'A leaked ID token works until it expires (minutes), for its audience only',
    ],
    complexity: 'medium',
    convenience: 'high',
    ratedBy: 'source',
    sources: [
      {
        title: 'Create a role for OpenID Connect federation',
        url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html',
      },
      {
        title: 'AssumeRoleWithWebIdentity (AWS STS API Reference)',
        url: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html',
      },
    ],
    parties: [
      { id: 'issuer', label: 'CI (OIDC issuer)' },
      { id: 'caller', label: 'CI job', holds: { name: 'ID token', lifetime: 'short-lived' } },
      { id: 'sts', label: 'AWS STS' },
      { id: 'api', label: 'Orders API (IAM)' },
    ],
    flows: [
      { from: 'issuer', to: 'caller', label: 'ID token (aud, sub)', exposes: 'short-lived' },
      { from: 'caller', to: 'sts', label: 'AssumeRoleWithWebIdentity + token', exposes: 'short-lived' },
      { from: 'sts', to: 'caller', label: 'temporary credentials', exposes: 'short-lived' },
      { from: 'caller', to: 'api', label: 'request + SigV4 signature', exposes: 'nothing' },
    ],
  },
];
