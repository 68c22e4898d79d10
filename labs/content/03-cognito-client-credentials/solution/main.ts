/**
 * Lab: Cognito client credentials.
 *
 * This program runs on your sandbox instance. Every endpoint and id comes from
 * the environment, so the same code runs against the local sandbox and AWS.
 * It plays two parts: once, the platform's client manager (who creates the
 * app client and stores its credentials), then the workload (which reads them
 * with its own, narrower role and calls the API).
 */
import { CognitoIdentityProviderClient, CreateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { appClientName, asClientManager, findClient, storeClientCredentials } from './client-manager.ts';
// #region not-done-yet
// Every step is done, so nothing calls notDoneYet (from not-done.ts) any more.
// #endregion

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this from the lab page so the sandbox outputs are injected.`);
  return value;
}

const userPoolId = requireEnv('COGNITO_USER_POOL_ID');
const tokenUrl = requireEnv('COGNITO_TOKEN_URL');
const ordersApiUrl = requireEnv('ORDERS_API_URL');
const secretId = requireEnv('COGNITO_CLIENT_SECRET_ID');

interface AppClient {
  clientId: string;
  clientSecret: string;
}

/** An access token and when it stops working (from the response's expires_in: the token itself stays opaque). */
interface AccessToken {
  accessToken: string;
  expiresAt: number;
}

// #region create-client
// Named with your sandbox's prefix (APP_CLIENT_NAME_PREFIX): in AWS the room shares one user pool.
const CLIENT_NAME = appClientName('orders-worker');

/**
 * The client manager's job, done once (a deploy pipeline would): as the
 * client manager role, reuse or create the app client and store its id and
 * secret in Secrets Manager, where the workload will read them.
 */
async function provisionClient(): Promise<void> {
  const manager = await asClientManager();
  const cognito = new CognitoIdentityProviderClient({ credentials: manager });
  const client =
    (await findClient(cognito, userPoolId, CLIENT_NAME)) ??
    (
      await cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId: userPoolId,
          ClientName: CLIENT_NAME,
          GenerateSecret: true, // a confidential client: it authenticates with a secret
          AllowedOAuthFlows: ['client_credentials'], // machine-to-machine only
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthScopes: ['orders/read', 'orders/write'],
          // A leaked access token cannot be revoked, so keep it short-lived.
          AccessTokenValidity: 15,
          TokenValidityUnits: { AccessToken: 'minutes' },
        }),
      )
    ).UserPoolClient;
  if (!client?.ClientId || !client.ClientSecret) throw new Error('The app client has no id or secret.');
  await storeClientCredentials(manager, { clientId: client.ClientId, clientSecret: client.ClientSecret });
}
// #endregion

// #region read-secret
/** The workload's side: with its own role (the instance's), read the client's credentials where the platform keeps them. */
async function readClient(): Promise<AppClient> {
  const { SecretString } = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretId }));
  if (!SecretString) throw new Error(`${secretId} has no value yet.`);
  return JSON.parse(SecretString) as AppClient;
}
// #endregion

// #region get-token
/** Exchanges the client's credentials for an access token with `scope`. */
async function getToken(client: AppClient, scope: string): Promise<AccessToken> {
  const basic = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64');
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${basic}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
  });
  const body = (await response.json()) as { access_token?: string; expires_in?: number; error?: string };
  if (!response.ok || !body.access_token) throw new Error(`Token request failed: ${body.error ?? response.status}`);
  const expiresIn = body.expires_in ?? 0;
  console.log(`Token for ${scope}, valid for ${expiresIn} s`);
  return { accessToken: body.access_token, expiresAt: Date.now() + expiresIn * 1000 };
}
// #endregion

// #region call-api
/** Calls the Orders API with a bearer token and reports the status. */
async function callOrders(token: string, method: 'GET' | 'POST', order?: object): Promise<number> {
  const response = await fetch(`${ordersApiUrl}/orders`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(order ? { body: JSON.stringify(order) } : {}),
  });
  console.log(`${method} /orders → ${response.status}`, await response.text());
  return response.status;
}
// #endregion

// #region token-cache
/** Each scope's token, kept until a minute before the expiry the token endpoint gave. */
const tokenCache = new Map<string, AccessToken>();

async function cachedToken(client: AppClient, scope: string): Promise<string> {
  const cached = tokenCache.get(scope);
  if (cached && cached.expiresAt - 60_000 > Date.now()) return cached.accessToken;
  const fresh = await getToken(client, scope);
  tokenCache.set(scope, fresh);
  return fresh.accessToken;
}
// #endregion

// #region verify
/** The pool's public keys (JSON Web Key Set), from where the sandbox outputs say they are. */
async function poolJwks(): Promise<Jwks> {
  const response = await fetch(requireEnv('COGNITO_JWKS_URI'));
  if (!response.ok) throw new Error(`JWKS request failed: ${response.status}`);
  return (await response.json()) as Jwks;
}
// #endregion

// #region main
await provisionClient();
const client = await readClient();
console.log(`Workload: read app client ${client.clientId} from Secrets Manager`);

const read = await getToken(client, 'orders/read');
await callOrders(read.accessToken, 'GET');
await callOrders(read.accessToken, 'POST', { item: 'widget', quantity: 2 }); // expected: 401

const write = await getToken(client, 'orders/write');
await callOrders(write.accessToken, 'POST', { item: 'widget', quantity: 2 }); // expected: 201
// #endregion

// #region reuse
for (let call = 1; call <= 3; call += 1) await callOrders(await cachedToken(client, 'orders/read'), 'GET');
// #endregion

// #region verify-main
// Created once, as a service does at start-up: every check is configured, none can be forgotten.
const verifier = CognitoJwtVerifier.create({ userPoolId, tokenUse: 'access', clientId: client.clientId, scope: 'orders/read' });
verifier.cacheJwks(await poolJwks());

const claims = await verifier.verify(read.accessToken);
console.log(`Verified: client ${claims.client_id}, scope ${claims.scope}, expires ${new Date(claims.exp * 1000).toISOString()}`);
const tampered = `${read.accessToken.slice(0, -4)}${read.accessToken.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
await verifier.verify(tampered).then(
  () => console.log('Tampered token accepted?!'),
  (error: unknown) => console.log(`Tampered token refused: ${error instanceof Error ? error.message : String(error)}`),
);
await verifier.verify(write.accessToken).then(
  () => console.log('Write token accepted for a read?!'),
  (error: unknown) => console.log(`Write token refused for a read: ${error instanceof Error ? error.message : String(error)}`),
);
// #endregion
