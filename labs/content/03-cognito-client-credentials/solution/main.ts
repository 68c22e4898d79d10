/**
 * Lab: Cognito client credentials.
 *
 * This program runs on your sandbox instance. Every endpoint and id comes from
 * the environment, so the same code runs against the local sandbox and AWS.
 */
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this from the lab page so the sandbox outputs are injected.`);
  return value;
}

const userPoolId = requireEnv('COGNITO_USER_POOL_ID');
const tokenUrl = requireEnv('COGNITO_TOKEN_URL');
const ordersApiUrl = requireEnv('ORDERS_API_URL');

interface AppClient {
  clientId: string;
  clientSecret: string;
}

// #region create-client
const CLIENT_NAME = 'orders-worker';

/** Reuses the app client from an earlier run, or creates it. */
async function findOrCreateClient(): Promise<AppClient> {
  const cognito = new CognitoIdentityProviderClient({});
  const { UserPoolClients = [] } = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  const existing = UserPoolClients.find((client) => client.ClientName === CLIENT_NAME);
  const { UserPoolClient: client } = existing
    ? await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: existing.ClientId }))
    : await cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId: userPoolId,
          ClientName: CLIENT_NAME,
          GenerateSecret: true, // a confidential client: it authenticates with a secret
          AllowedOAuthFlows: ['client_credentials'], // machine-to-machine only
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthScopes: ['orders/read', 'orders/write'],
        }),
      );
  if (!client?.ClientId || !client.ClientSecret) throw new Error('The app client has no id or secret.');
  return { clientId: client.ClientId, clientSecret: client.ClientSecret };
}
// #endregion

// #region get-token
/** Exchanges the client's credentials for an access token with `scope`. */
async function getToken(client: AppClient, scope: string): Promise<string> {
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
  console.log(`Token for ${scope}, valid for ${body.expires_in ?? '?'} s`);
  return body.access_token;
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
/** Each scope's token, kept until a minute before it expires. */
const tokenCache = new Map<string, { token: string; expiresAt: number }>();

async function cachedToken(client: AppClient, scope: string): Promise<string> {
  const cached = tokenCache.get(scope);
  if (cached && cached.expiresAt - 60_000 > Date.now()) return cached.token;
  const token = await getToken(client, scope);
  // The exp claim says when the token stops working; no need to call anything to find out.
  const { exp = 0 } = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: number };
  tokenCache.set(scope, { token, expiresAt: exp * 1000 });
  return token;
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
const client = await findOrCreateClient();
console.log(`App client ${client.clientId} is ready`);

const readToken = await getToken(client, 'orders/read');
await callOrders(readToken, 'GET');
await callOrders(readToken, 'POST', { item: 'widget', quantity: 2 }); // expected: 401

const writeToken = await getToken(client, 'orders/write');
await callOrders(writeToken, 'POST', { item: 'widget', quantity: 2 }); // expected: 201
// #endregion

// #region reuse
for (let call = 1; call <= 3; call += 1) await callOrders(await cachedToken(client, 'orders/read'), 'GET');
// #endregion

// #region verify-main
// Created once, as a service does at start-up: every check is configured, none can be forgotten.
const verifier = CognitoJwtVerifier.create({ userPoolId, tokenUse: 'access', clientId: client.clientId, scope: 'orders/read' });
verifier.cacheJwks(await poolJwks());

const claims = await verifier.verify(readToken);
console.log(`Verified: client ${claims.client_id}, scope ${claims.scope}, expires ${new Date(claims.exp * 1000).toISOString()}`);
const tampered = `${readToken.slice(0, -4)}${readToken.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
await verifier.verify(tampered).then(
  () => console.log('Tampered token accepted?!'),
  (error: unknown) => console.log(`Tampered token refused: ${error instanceof Error ? error.message : String(error)}`),
);
await verifier.verify(writeToken).then(
  () => console.log('Write token accepted for a read?!'),
  (error: unknown) => console.log(`Write token refused for a read: ${error instanceof Error ? error.message : String(error)}`),
);
// #endregion
