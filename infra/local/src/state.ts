import type { DatabaseSync } from 'node:sqlite';
import { AttendeeRegistry, CredentialStore } from './attendees/index.ts';
import { CognitoStore } from './cognito/client-store.ts';
import { IssuedTokenStore } from './cognito/issued-tokens.ts';
import { EvidenceStore } from './evidence/evidence-store.ts';
import type { SigningKeys } from './keys/signing-keys.ts';
import { OrderStore } from './orders/order-store.ts';
import { WriteBatch } from './store/write-batch.ts';

/** Account id of the emulated account every attendee's resources live in. */
export const LOCAL_ACCOUNT_ID = '000000000000';

/**
 * Everything the services share: the database's stores (each prepares its
 * statements once, here), the clock, the keys and where we are listening.
 */
export interface SandboxState {
  readonly db: DatabaseSync;
  /** Group commit shared by the hot-path writers; flush it before reading what they wrote. */
  readonly batch: WriteBatch;
  readonly now: () => number;
  readonly region: string;
  readonly accountId: string;
  /** `http://host:port`, no trailing slash. */
  readonly baseUrl: string;
  readonly keys: SigningKeys;
  readonly attendees: AttendeeRegistry;
  readonly credentials: CredentialStore;
  readonly evidence: EvidenceStore;
  readonly cognito: CognitoStore;
  readonly tokens: IssuedTokenStore;
  readonly orders: OrderStore;
}

export function createState(options: { db: DatabaseSync; now: () => number; region: string; baseUrl: string; keys: SigningKeys }): SandboxState {
  const { db, now, region } = options;
  const batch = new WriteBatch(db);
  return {
    ...options,
    batch,
    accountId: LOCAL_ACCOUNT_ID,
    attendees: new AttendeeRegistry(db, { now, region }),
    credentials: new CredentialStore(db, now),
    evidence: new EvidenceStore(db, now, batch),
    cognito: new CognitoStore(db),
    tokens: new IssuedTokenStore(db, batch),
    orders: new OrderStore(db, now),
  };
}

/** URLs of an attendee's resources, derived in one place so outputs and handlers agree. */
export const urls = {
  issuer: (baseUrl: string, userPoolId: string): string => `${baseUrl}/${userPoolId}`,
  jwks: (baseUrl: string, userPoolId: string): string => `${baseUrl}/${userPoolId}/.well-known/jwks.json`,
  tokenEndpoint: (baseUrl: string, domainPrefix: string): string => `${baseUrl}/domains/${domainPrefix}/oauth2/token`,
  ordersStage: (baseUrl: string, apiId: string): string => `${baseUrl}/restapis/${apiId}/prod`,
};

/** User-agent marker of the sandbox's own control-plane reads (checker), which are not attendee evidence. */
export const CHECKER_USER_AGENT = 'keyless-sandbox-checker';
