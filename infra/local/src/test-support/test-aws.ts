import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CognitoIdentityProviderClient, CreateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { generateSigningKey, type SigningKeyInput } from '../keys/signing-keys.ts';
import { startLocalAws, type LocalAws } from '../local-aws.ts';

/**
 * Shared test fixtures: a temp database, keys generated once per test process
 * (RSA generation is the slowest thing in the suite), and a clock tests move.
 */
let sharedKeys: SigningKeyInput[] | undefined;
export function testKeys(): SigningKeyInput[] {
  sharedKeys ??= [{ privateJwk: generateSigningKey() }, { privateJwk: generateSigningKey() }];
  return sharedKeys;
}

export interface TestClock {
  now: () => number;
  advance(ms: number): void;
  set(ms: number): void;
}

export function testClock(start = Date.now()): TestClock {
  let current = start;
  return { now: () => current, advance: (ms) => void (current += ms), set: (ms) => void (current = ms) };
}

export interface TestAws {
  aws: LocalAws;
  clock: TestClock;
  dir: string;
  dbPath: string;
  /** Closes the server and removes the temp directory. */
  dispose(): Promise<void>;
}

export async function startTestAws(options: { dir?: string; clock?: TestClock } = {}): Promise<TestAws> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'keyless-local-'));
  const dbPath = join(dir, 'sandbox.db');
  const clock = options.clock ?? testClock();
  const aws = await startLocalAws({ dbPath, now: clock.now, signingKeys: testKeys() });
  return {
    aws,
    clock,
    dir,
    dbPath,
    async dispose() {
      await aws.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The real, unmodified SDK client, pointed at the sandbox with the attendee's client manager role (the one that may manage the pool). */
export async function sdkFor(aws: LocalAws, attendeeId: string): Promise<CognitoIdentityProviderClient> {
  const credentials = await aws.clientManagerCredentials(attendeeId);
  return new CognitoIdentityProviderClient({
    region: aws.region,
    endpoint: aws.baseUrl,
    credentials: { ...credentials, expiration: new Date(credentials.expiresAt) },
    maxAttempts: 1,
  });
}

/** Builds an HTTP Basic header for a client. */
export const basic = (clientId: string, secret: string): string => `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;

/** Creates an M2M app client in the attendee's pool through the real SDK. */
export async function createM2mClient(
  aws: LocalAws,
  attendeeId: string,
  overrides: { scopes?: string[]; flows?: ('client_credentials' | 'code')[]; accessTokenMinutes?: number } = {},
): Promise<{ clientId: string; clientSecret: string }> {
  const sdk = await sdkFor(aws, attendeeId);
  const { userPoolId } = await aws.provision(attendeeId);
  const { UserPoolClient: client } = await sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'orders-worker',
      GenerateSecret: true,
      AllowedOAuthFlows: overrides.flows ?? ['client_credentials'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: overrides.scopes ?? ['orders/read', 'orders/write'],
      ...(overrides.accessTokenMinutes
        ? { AccessTokenValidity: overrides.accessTokenMinutes, TokenValidityUnits: { AccessToken: 'minutes' } }
        : {}),
    }),
  );
  if (!client?.ClientId || !client.ClientSecret) throw new Error('CreateUserPoolClient returned no id or secret');
  return { clientId: client.ClientId, clientSecret: client.ClientSecret };
}

/** POSTs a form to the token endpoint. */
export async function requestToken(
  tokenUrl: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: { access_token?: string; expires_in?: number; token_type?: string; error?: string } }> {
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as { access_token?: string; error?: string } };
}
