import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EvidenceLog, SandboxOutputs } from '@keyless/labs/sandbox';
import type { AttendeeCredentials, AttendeeRecord } from './attendees/index.ts';
import { route } from './http/router.ts';
import { loadSigningKeys, type SigningKeyInput } from './keys/signing-keys.ts';
import { createState, urls, type SandboxState } from './state.ts';
import { openDatabase } from './store/database.ts';

export interface LocalAwsOptions {
  /** SQLite file holding all state; created if missing. */
  dbPath: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Epoch-ms clock for token times, credential expiry, SigV4 skew and evidence. Default Date.now. */
  now?: () => number;
  /** Default us-east-1. */
  region?: string;
  /** Private RSA JWKs to sign with instead of the keys persisted in the database (tests). */
  signingKeys?: readonly SigningKeyInput[];
}

/** The running emulator ("local AWS"). */
export interface LocalAws {
  /** `http://host:port`, no trailing slash. */
  readonly baseUrl: string;
  readonly region: string;
  /** The attendee's resources, provisioned on first use (idempotent). */
  provision(attendeeId: string): Promise<AttendeeRecord>;
  /** Temporary credentials of the attendee's instance role; re-minted when near expiry. */
  credentials(attendeeId: string): Promise<AttendeeCredentials>;
  /** What the attendee's code is told (provisions first). */
  outputs(attendeeId: string): Promise<SandboxOutputs>;
  /** The attendee's evidence, straight from SQLite. */
  evidence(attendeeId: string): EvidenceLog;
  /** Discards the attendee's clients, orders, tokens and evidence; re-provisions with new ids. */
  reset(attendeeId: string): Promise<AttendeeRecord>;
  close(): Promise<void>;
}

/** Starts the emulator on one HTTP port. */
export async function startLocalAws(options: LocalAwsOptions): Promise<LocalAws> {
  const now = options.now ?? Date.now;
  const region = options.region ?? 'us-east-1';
  const db = openDatabase(options.dbPath);
  try {
    const keys = await loadSigningKeys(db, { now, ...(options.signingKeys ? { injected: options.signingKeys } : {}) });
    const server = createServer({ keepAlive: true, keepAliveTimeout: 65_000 });
    // Listen first: the issuer and every URL embed the port, which is only known now.
    await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const state = createState({ db, now, region, baseUrl: `http://${host}:${address.port}`, keys });
    server.on('request', (request, response) => void route(request, response, state));
    return new LocalAwsHandle(state, server);
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens the same database from a second process (e.g. the checker CLI)
 * without serving: provisioning, credentials and evidence work directly on
 * SQLite, and control-plane calls go to the running server at `baseUrl`.
 */
export async function openLocalAws(options: { dbPath: string; baseUrl: string; now?: () => number; region?: string }): Promise<LocalAws> {
  const now = options.now ?? Date.now;
  const db = openDatabase(options.dbPath);
  const keys = await loadSigningKeys(db, { now });
  return new LocalAwsHandle(createState({ db, now, region: options.region ?? 'us-east-1', baseUrl: options.baseUrl.replace(/\/+$/, ''), keys }), undefined);
}

class LocalAwsHandle implements LocalAws {
  readonly #state: SandboxState;
  readonly #server: Server | undefined;
  #closed = false;

  constructor(state: SandboxState, server: Server | undefined) {
    this.#state = state;
    this.#server = server;
  }

  get baseUrl(): string {
    return this.#state.baseUrl;
  }
  get region(): string {
    return this.#state.region;
  }

  async provision(attendeeId: string): Promise<AttendeeRecord> {
    return this.#state.attendees.provision(attendeeId);
  }

  async credentials(attendeeId: string): Promise<AttendeeCredentials> {
    this.#state.attendees.provision(attendeeId);
    const { attendeeId: _owner, ...credentials } = this.#state.credentials.current(attendeeId);
    return credentials;
  }

  async outputs(attendeeId: string): Promise<SandboxOutputs> {
    const record = this.#state.attendees.provision(attendeeId);
    const base = this.#state.baseUrl;
    return {
      region: this.#state.region,
      cognitoUserPoolId: record.userPoolId,
      cognitoTokenUrl: urls.tokenEndpoint(base, record.domainPrefix),
      cognitoIssuer: urls.issuer(base, record.userPoolId),
      cognitoJwksUri: urls.jwks(base, record.userPoolId),
      ordersApiUrl: urls.ordersStage(base, record.apiId),
      endpointOverrides: { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: base },
    };
  }

  evidence(attendeeId: string): EvidenceLog {
    const store = this.#state.evidence;
    return { query: async (query) => store.query(attendeeId, query) };
  }

  async reset(attendeeId: string): Promise<AttendeeRecord> {
    this.#state.batch.flush(); // queued evidence of this attendee must not land after the wipe
    return this.#state.attendees.reset(attendeeId);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const server = this.#server;
    if (server) {
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      server.closeAllConnections();
      await closed;
    }
    this.#state.batch.flush();
    this.#state.db.close();
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
