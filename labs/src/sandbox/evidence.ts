/**
 * Evidence: what a sandbox saw happen, per attendee. Checks judge evidence,
 * never the text attendee code printed. Locally the emulator records it; on
 * AWS the lab's own Lambda functions do.
 */
import type { CertificateSerial } from './certificate-serial.ts';

/**
 * What a SigV4-signed request showed the sandbox, without its secret parts:
 * the `Authorization` header's credential and signed-header list (never the
 * secret access key, the session token or the signature). The Wire view
 * shows it; checks do not read it.
 */
export interface SigV4Evidence {
  /** AWS4-HMAC-SHA256, or AWS4-X509-RSA-SHA256 / AWS4-X509-ECDSA-SHA256 (Roles Anywhere). */
  readonly algorithm: string;
  /** Access key id (AWS4-HMAC) or the certificate's serial (AWS4-X509): an identifier, not a secret. */
  readonly credentialId: string;
  /** `date/region/service/aws4_request`. */
  readonly credentialScope: string;
  readonly signedHeaders: readonly string[];
  /** On a signature mismatch: the canonical request the sandbox computed, as AWS's `SignatureDoesNotMatch` message gives it, with the session token's value replaced. */
  readonly canonicalRequest?: string;
  /** On a signature mismatch: the string to sign the sandbox computed from it. */
  readonly stringToSign?: string;
}

/** A JWT's protected header, as decoded (the signature is never kept). */
export interface JwtHeaderEvidence {
  readonly alg: string;
  readonly kid?: string;
  readonly typ?: string;
}

/** An access token's claims, each a named field: a claim the sandbox does not list is not kept. */
export interface JwtClaimsEvidence {
  readonly sub?: string;
  readonly iss?: string;
  readonly client_id?: string;
  readonly token_use?: string;
  readonly scope?: string;
  /** Epoch seconds. */
  readonly exp?: number;
  /** Epoch seconds. */
  readonly iat?: number;
  /** Epoch seconds. */
  readonly auth_time?: number;
  readonly jti?: string;
  readonly version?: number;
}

/** A JWT as the sandbox read it: header and claims; only whether a signature was present, never the signature. */
export interface JwtEvidence {
  readonly header: JwtHeaderEvidence;
  readonly claims: JwtClaimsEvidence;
  readonly signaturePresent: boolean;
}

/** The API key a request presented, masked: the header and the key's last 4 characters only. */
export interface ApiKeyEvidence {
  /** The header that carried it, e.g. `x-api-key`. */
  readonly header: string;
  /** Last 4 characters of the presented value (fewer if it is shorter than 8: then none). */
  readonly last4: string;
  /** Identifier of the matching key (a fingerprint, not the key), absent when no key matched. */
  readonly keyId?: string;
}

interface EvidenceBase {
  /** Monotonic id within the sandbox; later events have larger ids. */
  readonly id: number;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly attendeeId: string;
  readonly outcome: 'success' | 'failure';
  /** Protocol error code on failure (OAuth `error`, AWS exception name, HTTP reason). */
  readonly error?: string;
  /** The lab whose Run produced it; absent for evidence from outside any Run. */
  readonly labId?: string;
  /** The Run that produced it (one per press of Run). */
  readonly runId?: string;
}

/** An OAuth2 token request at the user pool's token endpoint. */
export interface TokenIssuedEvidence extends EvidenceBase {
  readonly kind: 'token-issued';
  readonly grantType: string;
  /** Client id the request authenticated as (or claimed, on failure). */
  readonly clientId: string;
  /** How the client authenticated. */
  readonly authMethod: 'client_secret_basic' | 'client_secret_post' | 'none';
  /** Scopes requested (empty when omitted). */
  readonly requestedScopes: readonly string[];
  /** Scopes in the issued token (empty on failure). */
  readonly grantedScopes: readonly string[];
  /** `jti` of the issued token. */
  readonly tokenId?: string;
  /** The issued token's header and claims (its signature is never kept). */
  readonly token?: JwtEvidence;
}

/** A call to an API front door (the Orders API). */
export interface ApiCallEvidence extends EvidenceBase {
  readonly kind: 'api-call';
  readonly api: 'orders';
  readonly method: string;
  /** Resource path without the stage, e.g. `/orders`. */
  readonly path: string;
  readonly status: number;
  /** Which front door authorised the call. */
  readonly authType: 'cognito-jwt' | 'api-key' | 'sigv4' | 'mtls' | 'none';
  /** Who the authoriser decided the caller was (client id, role ARN, certificate subject). */
  readonly principal?: string;
  /** Scopes in the presented token (cognito-jwt). */
  readonly scopes?: readonly string[];
  /** `jti` of the presented token (cognito-jwt): tells a reused token from a fresh one. */
  readonly tokenId?: string;
  /** The presented token as the authoriser read it (cognito-jwt). */
  readonly token?: JwtEvidence;
  /** Scopes the method requires, any one of which lets the call in (cognito-jwt). */
  readonly requiredScopes?: readonly string[];
  /** The presented API key, masked (api-key). */
  readonly apiKey?: ApiKeyEvidence;
  /** The request's signature details (sigv4). */
  readonly sigv4?: SigV4Evidence;
}

/** A control-plane call made by attendee code (e.g. CreateUserPoolClient). */
export interface ControlPlaneEvidence extends EvidenceBase {
  readonly kind: 'control-plane-call';
  readonly service: string;
  readonly action: string;
  /** Identifier of the resource the call created or touched, if any (for Secrets Manager: the secret's ARN, never its value). */
  readonly resourceId?: string;
  /** The role session that signed the call (assumed-role ARN), when the service records it (Secrets Manager). */
  readonly principal?: string;
  /** The request's signature details. */
  readonly sigv4?: SigV4Evidence;
}

/** An STS call (GetCallerIdentity, AssumeRole, AssumeRoleWithWebIdentity). */
export interface StsCallEvidence extends EvidenceBase {
  readonly kind: 'sts-call';
  readonly action: 'GetCallerIdentity' | 'AssumeRole' | 'AssumeRoleWithWebIdentity';
  /** ARN of the caller (for AssumeRoleWithWebIdentity: the token's `sub`). */
  readonly principal?: string;
  /** Role asked for (AssumeRole*). */
  readonly roleArn?: string;
  readonly roleSessionName?: string;
  readonly durationSeconds?: number;
  /** Epoch ms when the issued credentials expire. */
  readonly expiresAt?: number;
  /** The request's signature details (signed actions). */
  readonly sigv4?: SigV4Evidence;
}

/** A request to the attendee instance's metadata service. */
export interface ImdsRequestEvidence extends EvidenceBase {
  readonly kind: 'imds-request';
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Whether a valid IMDSv2 session token was presented (PUT requests: false). */
  readonly sessionToken: boolean;
  /** The TTL a token PUT asked for, in seconds. */
  readonly ttlSeconds?: number;
}

/** A TLS handshake at the mutual-TLS front door, with the client certificate presented. */
export interface TlsHandshakeEvidence extends EvidenceBase {
  readonly kind: 'tls-handshake';
  /** Subject DN of the presented client certificate, if any. */
  readonly subject?: string;
  readonly issuer?: string;
  /** Serial number of the presented certificate, canonical (`canonicalSerial`). */
  readonly serial?: CertificateSerial;
  /** Why the certificate was refused: `no-certificate`, `untrusted`, `expired`, `revoked`. */
  readonly reason?: string;
  /** Negotiated protocol, e.g. `TLSv1.3`. */
  readonly tlsVersion?: string;
  /** Validity of the presented certificate, epoch ms. */
  readonly notBefore?: number;
  readonly notAfter?: number;
}

/** The workshop PKI issued or revoked a certificate. */
export interface CertificateEvidence extends EvidenceBase {
  readonly kind: 'certificate';
  readonly action: 'issued' | 'revoked';
  readonly subject: string;
  /** Canonical (`canonicalSerial`). */
  readonly serial: CertificateSerial;
  /** Epoch ms. */
  readonly notAfter: number;
  /** The request's signature details, when it was SigV4-signed. */
  readonly sigv4?: SigV4Evidence;
}

/** An IAM Roles Anywhere CreateSession call. */
export interface RolesAnywhereSessionEvidence extends EvidenceBase {
  readonly kind: 'rolesanywhere-session';
  /** AWS4-X509-RSA-SHA256 or AWS4-X509-ECDSA-SHA256. */
  readonly algorithm?: string;
  readonly trustAnchorArn?: string;
  readonly profileArn?: string;
  readonly roleArn?: string;
  readonly certificateSubject?: string;
  /** Canonical (`canonicalSerial`). */
  readonly certificateSerial?: CertificateSerial;
  /** ARN of the role session the credentials belong to. */
  readonly principal?: string;
  /** Epoch ms when the issued credentials expire. */
  readonly expiresAt?: number;
  /** The request's SigV4-X509 signature details (credential = the certificate's serial). */
  readonly sigv4?: SigV4Evidence;
}

/** A design decision submitted to the sandbox's architecture-review endpoint (the "choosing" lab). */
export interface DecisionEvidence extends EvidenceBase {
  readonly kind: 'decision';
  /** Scenario id, e.g. `ci-pipeline`. */
  readonly scenario: string;
  /** Mechanism chosen, e.g. `oidc-federation`. */
  readonly choice: string;
  /** The attendee's one-line justification. */
  readonly reason?: string;
}

export type Evidence =
  | TokenIssuedEvidence
  | ApiCallEvidence
  | ControlPlaneEvidence
  | StsCallEvidence
  | ImdsRequestEvidence
  | TlsHandshakeEvidence
  | CertificateEvidence
  | RolesAnywhereSessionEvidence
  | DecisionEvidence;
export type EvidenceKind = Evidence['kind'];
export type EvidenceOf<K extends EvidenceKind> = Extract<Evidence, { kind: K }>;

export interface EvidenceQuery<K extends EvidenceKind> {
  readonly kind: K;
  /** Only events at or after this epoch-ms time. */
  readonly since?: number;
  /** Newest first, at most this many (default 100). */
  readonly limit?: number;
  /**
   * Only evidence of this lab's Runs (plus evidence from outside any Run).
   * The checker always sets it, so lab 2's checks never pass on lab 1's work.
   */
  readonly labId?: string;
  /** Only evidence of this Run (the Wire view reads one Run's requests). */
  readonly runId?: string;
}

/** Read side of the evidence log, already scoped to one attendee's sandbox. */
export interface EvidenceLog {
  query<K extends EvidenceKind>(query: EvidenceQuery<K>): Promise<readonly EvidenceOf<K>[]>;
}
