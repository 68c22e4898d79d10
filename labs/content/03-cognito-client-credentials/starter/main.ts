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
  // TODO (step 1): list the pool's app clients and reuse the one named CLIENT_NAME,
  // or create it with CreateUserPoolClientCommand: a secret, only the
  // client_credentials flow, and the scopes orders/read and orders/write.
  throw new Error('TODO (step 1): create your app client');
}
// #endregion

// #region get-token
/** Exchanges the client's credentials for an access token with `scope`. */
async function getToken(client: AppClient, scope: string): Promise<string> {
  // TODO (step 2): POST grant_type=client_credentials and the scope to tokenUrl,
  // authenticating with an HTTP Basic header made of clientId:clientSecret.
  throw new Error('TODO (step 2): request an access token');
}
// #endregion

// #region call-api
/** Calls the Orders API with a bearer token and reports the status. */
async function callOrders(token: string, method: 'GET' | 'POST', order?: object): Promise<number> {
  // TODO (step 3): call `${ordersApiUrl}/orders` with the token in the Authorization header.
  throw new Error('TODO (step 3): call the Orders API');
}
// #endregion

// #region token-cache
/** Stretch (step 5): keep each scope's token until shortly before it expires. */
async function cachedToken(client: AppClient, scope: string): Promise<string> {
  return getToken(client, scope); // TODO (step 5): reuse a token until a minute before its exp
}
// #endregion

// #region verify
/** Stretch (step 6): the pool's public keys, to hand to the verifier. */
async function poolJwks(): Promise<Jwks> {
  // TODO (step 6): fetch the JSON Web Key Set at COGNITO_JWKS_URI.
  throw new Error('TODO (step 6): fetch the JWKS');
}
// #endregion

// #region main
const client = await findOrCreateClient();
console.log(`App client ${client.clientId} is ready`);

const readToken = await getToken(client, 'orders/read');
await callOrders(readToken, 'GET');
await callOrders(readToken, 'POST', { item: 'widget', quantity: 2 }); // expected: 401

// TODO (step 4): get a second token, with scope orders/write, and create an order with it.
// #endregion

// #region reuse
// Stretch (step 5): call GET /orders three times with cachedToken(client, 'orders/read').
// #endregion

// #region verify-main
// Stretch (step 6): create a CognitoJwtVerifier for the pool, your client and orders/read,
// cacheJwks(await poolJwks()), then verify readToken and a tampered copy of it.
// #endregion
