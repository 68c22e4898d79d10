import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EvidenceLog, SandboxOutputs } from '@keyless/labs/sandbox';
import type { AttendeeRecord } from './attendees/index.ts';
import { cognitoIssuer } from './cognito/issuer.ts';
import { arns, CLIENT_SECRET_NAME, ROLE_NAMES, type TemporaryCredentials } from './iam/index.ts';
import { answerCors, CorsOrigins } from './http/cors.ts';
import { guardProtocol } from './http/protocol-guard.ts';
import { route } from './http/router.ts';
import { ImdsListeners } from './imds/index.ts';
import { loadSigningKeys, type SigningKeyInput } from './keys/signing-keys.ts';
import { UserPoolKeys, type PoolKeyRotation } from './keys/user-pool-keys.ts';
import { startMtlsFrontDoor, type MtlsFrontDoor } from './mtls/index.ts';
import { loadWorkshopCa, type WorkshopCaInput } from './pki/index.ts';
import { RunChannels } from './channels/local-channels.ts';
import type { RunChannelOpener } from './channels/types.ts';
import { createState, type SandboxState } from './state.ts';
import { urls } from './urls.ts';
import { openSandboxDatabase } from './store/database.ts';

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
  /** Private RSA JWKs to sign with instead of the keys persisted in the database (tests; used by the user pools and the CI issuer alike). */
  signingKeys?: readonly SigningKeyInput[];
  /** Rotate the user pools' signing key this often on the sandbox clock. Default: never (Cognito does not rotate on its own); `rotateSigningKeys()` rotates at once. */
  keyRotationIntervalMs?: number;
  /** The workshop CA (PEM certificate + PKCS#8 key) instead of the one persisted in the database (tests). */
  workshopCa?: WorkshopCaInput;
  /** Port of the Orders API's mutual-TLS front door; 0 (default) picks a free one. */
  mtlsPort?: number;
  /**
   * How Runs reach the sandbox. `namespace`: each Run has a network of its
   * own and reaches its attendee's endpoints only through per-run channels
   * (`openRunChannels`); no IMDS listens on a host port. `host` (default):
   * Runs share the host's loopback (permission-only jail), so each instance's
   * IMDS gets a loopback port of its own, as before channels existed.
   */
  runNetwork?: RunNetwork;
}

export type RunNetwork = 'namespace' | 'host';

/** An attendee's user pool after its keys were rotated. */
export interface AttendeeKeyRotation extends PoolKeyRotation {
  readonly attendeeId: string;
}

/** The running emulator ("local AWS"). */
export interface LocalAws {
  /** `http://host:port`, no trailing slash. */
  readonly baseUrl: string;
  readonly region: string;
  /** The attendee's resources, provisioned on first use (idempotent). */
  provision(attendeeId: string): Promise<AttendeeRecord>;
  /** Temporary credentials of the attendee's instance role (what its IMDS serves); re-minted when near expiry. */
  credentials(attendeeId: string): Promise<TemporaryCredentials>;
  /**
   * Temporary credentials of the attendee's client manager role, which alone
   * may read and manage the pool's app clients: what the sandbox's own
   * control-plane reads (the checker) and tests sign with.
   */
  clientManagerCredentials(attendeeId: string): Promise<TemporaryCredentials>;
  /**
   * A fresh 15-minute session of the attendee's instance role (the shortest
   * STS allows) for a Run in the attendee's browser, which has no IMDS. The
   * same role, so the same permissions and the same evidence as an instance
   * Run; never a long-lived key.
   */
  browserRunCredentials(attendeeId: string): Promise<TemporaryCredentials>;
  /** Origins (the site's, once it listens) whose pages may call the emulator from a browser; see http/cors.ts. */
  allowCorsOrigins(origins: readonly string[]): void;
  /** What the attendee's code is told (provisions first). */
  outputs(attendeeId: string): Promise<SandboxOutputs>;
  /** The attendee's evidence, straight from SQLite. */
  evidence(attendeeId: string): EvidenceLog;
  /**
   * Opens one Run's channels (see channels/): with a dir, a Unix socket per
   * endpoint whose requests are handled as that attendee's Run; without one
   * (Runs on the host network), the Run is registered so that evidence still
   * names its lab and Run. Close it when the Run has ended.
   */
  openRunChannels: RunChannelOpener;
  /** Rotates every user pool's signing key: the standby key starts signing, the old one stays in the JWKS until its tokens have expired. */
  rotateSigningKeys(): void;
  /**
   * Rotates the signing keys of these attendees' user pools only (each pool's
   * JWKS then holds the new key and the old one for the overlap); other
   * pools are unchanged. Attendees without a sandbox are listed in
   * `unknown` and nothing is provisioned for them.
   */
  rotateUserPoolKeys(attendeeIds: readonly string[]): {
    readonly rotated: readonly AttendeeKeyRotation[];
    readonly unknown: readonly string[];
  };
  /** Discards the attendee's clients, orders, tokens and evidence; re-provisions with new ids. */
  reset(attendeeId: string): Promise<AttendeeRecord>;
  close(): Promise<void>;
}

/** Starts the emulator on one HTTP port. */
export async function startLocalAws(options: LocalAwsOptions): Promise<LocalAws> {
  const now = options.now ?? Date.now;
  const region = options.region ?? 'us-east-1';
  const db = openSandboxDatabase(options.dbPath);
  try {
    const injected = options.signingKeys ? { injected: options.signingKeys } : {};
    const rotation = options.keyRotationIntervalMs === undefined ? {} : { rotationIntervalMs: options.keyRotationIntervalMs };
    const keys = new UserPoolKeys(db, loadSigningKeys(db, { now, purpose: 'cognito', ...injected, ...rotation }), { now, ...rotation });
    const ciKeys = loadSigningKeys(db, { now, purpose: 'ci-oidc', ...injected });
    const server = createServer({ keepAlive: true, keepAliveTimeout: 65_000 });
    guardProtocol(server);
    // Listen first: the issuer and every URL embed the port, which is only known now.
    await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const ca = await loadWorkshopCa(db, { now, ...(options.workshopCa ? { injected: options.workshopCa } : {}) });
    const state = createState({ db, now, region, baseUrl: `http://${host}:${address.port}`, keys, ciKeys, ca });
    const cors = new CorsOrigins();
    server.on('request', (request, response) => {
      if (!answerCors(request, response, cors)) void route(request, response, state);
    });
    const mtls = await startMtlsFrontDoor(state, { host: address.address, port: options.mtlsPort ?? 0 });
    const runNetwork = options.runNetwork ?? 'host';
    const imds = runNetwork === 'host' ? new ImdsListeners(state, address.address) : undefined;
    const channels = new RunChannels(state, {
      runNetwork,
      awsPort: address.port,
      mtls,
      route: (request, response) => void route(request, response, state),
    });
    return new LocalAwsHandle(state, server, imds, mtls, channels, cors);
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
  const db = openSandboxDatabase(options.dbPath);
  const keys = new UserPoolKeys(db, loadSigningKeys(db, { now, purpose: 'cognito' }), { now });
  const ciKeys = loadSigningKeys(db, { now, purpose: 'ci-oidc' });
  const ca = await loadWorkshopCa(db, { now });
  return new LocalAwsHandle(
    createState({ db, now, region: options.region ?? 'us-east-1', baseUrl: options.baseUrl.replace(/\/+$/, ''), keys, ciKeys, ca }),
    undefined,
    undefined,
    undefined,
    undefined,
  );
}

class LocalAwsHandle implements LocalAws {
  readonly #state: SandboxState;
  readonly #server: Server | undefined;
  /** Per-instance IMDS listeners; only a serving handle has them. */
  readonly #imds: ImdsListeners | undefined;
  /** The Orders API's mutual-TLS front door; only a serving handle has it. */
  readonly #mtls: MtlsFrontDoor | undefined;
  /** Per-run channels; only a serving handle has them. */
  readonly #channels: RunChannels | undefined;
  /** Origins allowed to call from a browser; only a serving handle has them. */
  readonly #cors: CorsOrigins | undefined;
  #closed = false;

  constructor(
    state: SandboxState,
    server: Server | undefined,
    imds: ImdsListeners | undefined,
    mtls: MtlsFrontDoor | undefined,
    channels: RunChannels | undefined,
    cors?: CorsOrigins,
  ) {
    this.#state = state;
    this.#server = server;
    this.#imds = imds;
    this.#mtls = mtls;
    this.#channels = channels;
    this.#cors = cors;
  }

  readonly openRunChannels: RunChannelOpener = (caller, dir) => {
    if (!this.#channels) return Promise.reject(new Error('Run channels need the serving sandbox (startLocalAws).'));
    return this.#channels.open(caller, dir);
  };

  get baseUrl(): string {
    return this.#state.baseUrl;
  }
  get region(): string {
    return this.#state.region;
  }

  async provision(attendeeId: string): Promise<AttendeeRecord> {
    const record = this.#state.attendees.provision(attendeeId);
    this.#state.iam.account(attendeeId);
    await this.#imds?.endpoint(attendeeId); // the instance's IMDS starts with its attendee
    return record;
  }

  /** The attendee instance's IMDS: this process's listener, or (no server here) the port the serving process recorded. */
  async #imdsEndpoint(attendeeId: string): Promise<Record<string, string>> {
    if (this.#channels?.imdsInJail) return { AWS_EC2_METADATA_SERVICE_ENDPOINT: this.#channels.imdsInJail };
    if (this.#imds) return { AWS_EC2_METADATA_SERVICE_ENDPOINT: await this.#imds.endpoint(attendeeId) };
    const port = this.#state.iam.account(attendeeId).imdsPort;
    return port === undefined ? {} : { AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://${new URL(this.#state.baseUrl).hostname}:${port}` };
  }

  async credentials(attendeeId: string): Promise<TemporaryCredentials> {
    await this.provision(attendeeId);
    const { accessKeyId, secretAccessKey, sessionToken, expiresAt } = this.#state.iam.instanceCredentials(attendeeId);
    return { accessKeyId, secretAccessKey, sessionToken, expiresAt };
  }

  /** Credentials of the attendee's client manager role, for the sandbox's own control-plane reads and for tests. */
  async clientManagerCredentials(attendeeId: string): Promise<TemporaryCredentials> {
    await this.provision(attendeeId);
    const { accessKeyId, secretAccessKey, sessionToken, expiresAt } = this.#state.iam.controlPlaneCredentials(attendeeId);
    return { accessKeyId, secretAccessKey, sessionToken, expiresAt };
  }

  async browserRunCredentials(attendeeId: string): Promise<TemporaryCredentials> {
    await this.provision(attendeeId);
    const account = this.#state.iam.account(attendeeId);
    const { accessKeyId, secretAccessKey, sessionToken, expiresAt } = this.#state.iam.issueRoleSession({
      attendeeId,
      roleArn: arns.role(account.accountId, ROLE_NAMES.instance),
      sessionName: account.instanceId, // as the instance's own sessions: evidence names the same principal
      durationSeconds: 900,
      issuedBy: 'AssumeRole',
    });
    return { accessKeyId, secretAccessKey, sessionToken, expiresAt };
  }

  allowCorsOrigins(origins: readonly string[]): void {
    if (!this.#cors) throw new Error('CORS origins need the serving sandbox (startLocalAws).');
    this.#cors.allow(origins);
  }

  async outputs(attendeeId: string): Promise<SandboxOutputs> {
    const record = await this.provision(attendeeId);
    const state = this.#state;
    const base = state.baseUrl;
    const account = state.iam.account(attendeeId);
    const roleArn = (name: string): string => arns.role(account.accountId, name);
    const ciIssuer = urls.ciIssuer(base, account.oidcId);
    const rolesAnywhere = state.rolesAnywhere.forAttendee(attendeeId);
    const mtlsUrl = this.#mtls?.url ?? state.pki.store.setting('mtls_url') ?? '';
    return {
      region: state.region,
      cognitoUserPoolId: record.userPoolId,
      cognitoTokenUrl: urls.tokenEndpoint(base, record.domainPrefix),
      cognitoIssuer: cognitoIssuer(state.region, record.userPoolId),
      cognitoJwksUri: urls.jwks(base, record.userPoolId),
      ordersApiUrl: urls.ordersStage(base, record.apiId),
      ordersApiKey: record.apiKey,
      ordersApiKeyUrl: urls.ordersStage(base, record.keyApiId),
      ordersIamUrl: urls.ordersStage(base, record.iamApiId),
      ordersRoleArn: roleArn(ROLE_NAMES.orders),
      clientManagerRoleArn: roleArn(ROLE_NAMES.clientManager),
      cognitoClientSecretId: CLIENT_SECRET_NAME,
      // The pool is this attendee's own, so any prefix is safe; a fixed, readable one keeps lab 3's code the same as against AWS (`<slot>-`).
      appClientNamePrefix: 'local-',
      ciOidcIssuer: ciIssuer,
      ciRoleArn: roleArn(ROLE_NAMES.ci),
      ciAudienceOnlyRoleArn: roleArn(ROLE_NAMES.ciAudienceOnly),
      ciIdTokenRequestUrl: urls.ciTokenRequest(ciIssuer),
      ciIdTokenRequestToken: account.oidcRequestToken,
      ordersMtlsUrl: `${mtlsUrl}/restapis/${state.mtlsApis.apiIdFor(attendeeId)}/prod`,
      pkiUrl: urls.pki(base),
      rolesAnywhereTrustAnchorArn: rolesAnywhere.trustAnchorArn,
      rolesAnywhereProfileArn: rolesAnywhere.profileArn,
      rolesAnywhereRoleArn: roleArn(ROLE_NAMES.rolesAnywhere),
      rolesAnywhereEndpoint: urls.rolesAnywhere(base),
      reviewApiUrl: urls.review(base, record.apiId),
      endpointOverrides: {
        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: base,
        AWS_ENDPOINT_URL_STS: urls.sts(base),
        AWS_ENDPOINT_URL_SECRETS_MANAGER: urls.secretsManager(base),
        ...(await this.#imdsEndpoint(attendeeId)),
      },
    };
  }

  rotateSigningKeys(): void {
    this.#state.keys.rotateAll();
  }

  rotateUserPoolKeys(attendeeIds: readonly string[]): { rotated: AttendeeKeyRotation[]; unknown: string[] } {
    const records = attendeeIds.map((attendeeId) => ({ attendeeId, record: this.#state.attendees.get(attendeeId) }));
    const known = records.flatMap(({ attendeeId, record }) => (record ? [{ attendeeId, userPoolId: record.userPoolId }] : []));
    const byPool = new Map(
      this.#state.keys.rotate(known.map((entry) => entry.userPoolId)).map((rotation) => [rotation.userPoolId, rotation]),
    );
    return {
      rotated: known.flatMap(({ attendeeId, userPoolId }) => {
        const rotation = byPool.get(userPoolId);
        return rotation ? [{ attendeeId, ...rotation }] : [];
      }),
      unknown: records.filter((entry) => !entry.record).map((entry) => entry.attendeeId),
    };
  }

  evidence(attendeeId: string): EvidenceLog {
    const store = this.#state.evidence;
    return { query: async (query) => store.query(attendeeId, query) };
  }

  async reset(attendeeId: string): Promise<AttendeeRecord> {
    this.#state.batch.flush(); // queued evidence of this attendee must not land after the wipe
    // Certificates issued before the reset stop working, like its tokens; Roles Anywhere gets new ids.
    this.#state.pki.store.revokeAllFor(attendeeId, this.#state.now(), 'cessationOfOperation');
    this.#state.rolesAnywhere.reset(attendeeId);
    this.#state.secrets.reset(attendeeId);
    this.#state.mtlsApis.reset(attendeeId);
    return this.#state.attendees.reset(attendeeId);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#channels?.close();
    await this.#imds?.close();
    await this.#mtls?.close();
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
