/**
 * Evidence: what a sandbox saw happen, per attendee. Checks judge evidence,
 * never the text attendee code printed. Locally the emulator records it; on
 * AWS the lab's own Lambda functions do.
 */
import type { CertificateSerial } from './certificate-serial.ts';

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
}

/** A control-plane call made by attendee code (e.g. CreateUserPoolClient). */
export interface ControlPlaneEvidence extends EvidenceBase {
  readonly kind: 'control-plane-call';
  readonly service: string;
  readonly action: string;
  /** Identifier of the resource the call created or touched, if any. */
  readonly resourceId?: string;
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
}

/** A request to the attendee instance's metadata service. */
export interface ImdsRequestEvidence extends EvidenceBase {
  readonly kind: 'imds-request';
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Whether a valid IMDSv2 session token was presented (PUT requests: false). */
  readonly sessionToken: boolean;
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
}

/** Read side of the evidence log, already scoped to one attendee's sandbox. */
export interface EvidenceLog {
  query<K extends EvidenceKind>(query: EvidenceQuery<K>): Promise<readonly EvidenceOf<K>[]>;
}
