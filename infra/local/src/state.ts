import type { DatabaseSync } from 'node:sqlite';
import { AttendeeRegistry } from './attendees/index.ts';
import { CognitoStore } from './cognito/client-store.ts';
import { IssuedTokenStore } from './cognito/issued-tokens.ts';
import { EvidenceStore } from './evidence/evidence-store.ts';
import { Iam } from './iam/index.ts';
import type { SigningKeys } from './keys/signing-keys.ts';
import type { UserPoolKeys } from './keys/user-pool-keys.ts';
import { MtlsApiStore } from './mtls/api-store.ts';
import { OrderStore } from './orders/order-store.ts';
import { CertificateStore } from './pki/certificate-store.ts';
import type { WorkshopCa } from './pki/workshop-ca.ts';
import { WorkshopPki } from './pki/workshop-pki.ts';
import { RolesAnywhereStore } from './rolesanywhere/resources.ts';
import { SecretStore } from './secretsmanager/secret-store.ts';
import { WriteBatch } from './sqlite/index.ts';
import { urls } from './urls.ts';

/**
 * Everything the services share, composed once per sandbox: the database's
 * stores (each prepares its statements once, here), the clock, the keys and
 * where we are listening. Only the composition reads it whole (local-aws.ts,
 * the router, the run channels); every service declares the slice it uses
 * (`StsServices`, `CognitoHost`, `PkiServices`, …), which this satisfies.
 */
export interface SandboxState {
  readonly db: DatabaseSync;
  /** Group commit shared by the hot-path writers; flush it before reading what they wrote. */
  readonly batch: WriteBatch;
  readonly now: () => number;
  readonly region: string;
  /** `http://host:port`, no trailing slash. */
  readonly baseUrl: string;
  /** The user pools' signing keys: `keys.forPool(userPoolId)` signs and verifies that pool's tokens. */
  readonly keys: UserPoolKeys;
  /** The simulated CI OIDC issuers' signing keys. */
  readonly ciKeys: SigningKeys;
  readonly attendees: AttendeeRegistry;
  /** Accounts, roles, role sessions and policy evaluation. */
  readonly iam: Iam;
  readonly evidence: EvidenceStore;
  readonly cognito: CognitoStore;
  readonly tokens: IssuedTokenStore;
  readonly orders: OrderStore;
  /** The workshop CA, its certificates, revocation and CRL. */
  readonly pki: WorkshopPki;
  /** Each attendee's mutual-TLS Orders API id. */
  readonly mtlsApis: MtlsApiStore;
  /** Each attendee account's Roles Anywhere trust anchor and profile. */
  readonly rolesAnywhere: RolesAnywhereStore;
  /** Each attendee account's Secrets Manager secrets. */
  readonly secrets: SecretStore;
}

export function createState(options: {
  db: DatabaseSync;
  now: () => number;
  region: string;
  baseUrl: string;
  keys: UserPoolKeys;
  ciKeys: SigningKeys;
  ca: WorkshopCa;
}): SandboxState {
  const { db, now, region } = options;
  const batch = new WriteBatch(db);
  const attendees = new AttendeeRegistry(db, { now, region });
  // IAM's catalogue pins each account's Roles Anywhere trust anchor, whose store needs IAM's accounts: the
  // callback reads the store once both exist (only when a role is looked up, never during construction).
  const trustAnchors: { store?: RolesAnywhereStore } = {};
  const iam = new Iam(db, {
    now,
    region,
    attendees,
    ciIssuer: (oidcId) => urls.ciIssuer(options.baseUrl, oidcId),
    trustAnchorArn: (attendeeId) => {
      if (!trustAnchors.store) throw new Error('the Roles Anywhere store is not ready');
      return trustAnchors.store.forAttendee(attendeeId).trustAnchorArn;
    },
  });
  const rolesAnywhere = new RolesAnywhereStore(db, { iam, region, now });
  trustAnchors.store = rolesAnywhere;
  const { ca, ...shared } = options;
  return {
    ...shared,
    batch,
    attendees,
    iam,
    evidence: new EvidenceStore(db, now, batch),
    cognito: new CognitoStore(db),
    tokens: new IssuedTokenStore(db, batch),
    orders: new OrderStore(db, now),
    pki: new WorkshopPki({ ca, store: new CertificateStore(db), now, crlUrl: urls.crl(options.baseUrl) }),
    mtlsApis: new MtlsApiStore(db, now),
    rolesAnywhere,
    secrets: new SecretStore(db, { region, now }),
  };
}
