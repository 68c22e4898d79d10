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
import { notDoneYet } from './not-done.ts';
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
  // TODO (step 1): your instance's own role may not touch app clients; the
  // client manager's may (asClientManager, in client-manager.ts). As that role:
  // reuse CLIENT_NAME (findClient) or create it as a confidential,
  // machine-to-machine-only client allowed orders/read and orders/write, with
  // short-lived access tokens, then storeClientCredentials.
  return notDoneYet(1, 'provisionClient does not create the app client yet.');
}
// #endregion

// #region read-secret
/** The workload's side: with its own role (the instance's), read the client's credentials where the platform keeps them. */
async function readClient(): Promise<AppClient> {
  // TODO (step 2): no AssumeRole this time: the workload reads with the
  // default credentials. Which Secrets Manager call returns a secret's value?
  return notDoneYet(2, 'readClient does not read the secret yet.');
}
// #endregion

// #region get-token
/** Exchanges the client's credentials for an access token with `scope`. */
async function getToken(client: AppClient, scope: string): Promise<AccessToken> {
  // TODO (step 2): the token endpoint is tokenUrl. Which grant, which
  // authentication scheme for the client, which body encoding? Keep when the
  // token expires (the response says, in seconds) next to it.
  return notDoneYet(2, 'getToken does not ask the token endpoint yet.');
}
// #endregion

// #region call-api
/** Calls the Orders API with a bearer token and reports the status. */
async function callOrders(token: string, method: 'GET' | 'POST', order?: object): Promise<number> {
  // TODO (step 3): `${ordersApiUrl}/orders`, with the token where a bearer
  // token goes. Print the status and the body; return the status.
  return notDoneYet(3, 'callOrders does not call the Orders API yet.');
}
// #endregion

// #region token-cache
/** Stretch (step 5): keep each scope's token until shortly before it expires. */
async function cachedToken(client: AppClient, scope: string): Promise<string> {
  // TODO (step 5): when may a token be reused, and who told you? (Not the token.)
  return notDoneYet(5, 'a stretch step: cachedToken does not cache yet.');
}
// #endregion

// #region verify
/** Stretch (step 6): the pool's public keys, to hand to the verifier. */
async function poolJwks(): Promise<Jwks> {
  // TODO (step 6): fetch the JSON Web Key Set at COGNITO_JWKS_URI.
  return notDoneYet(6, 'a stretch step: poolJwks does not fetch the keys yet.');
}
// #endregion

// #region main
await provisionClient();
const client = await readClient();
console.log(`Workload: read app client ${client.clientId} from Secrets Manager`);

const read = await getToken(client, 'orders/read');
await callOrders(read.accessToken, 'GET');
await callOrders(read.accessToken, 'POST', { item: 'widget', quantity: 2 }); // expected: 401

// TODO (step 4): what must a caller ask for before POST /orders answers 201?
notDoneYet(4, 'no token can write an order yet.');
// #endregion

// #region reuse
// Stretch (step 5): three GET /orders calls with cachedToken(client, 'orders/read'): how many tokens should that take?
await cachedToken(client, 'orders/read');
// #endregion

// #region verify-main
// Stretch (step 6): what must a service check before it trusts a token? Create a CognitoJwtVerifier
// for the pool, your client and orders/read, hand it poolJwks(), then verify read.accessToken and a tampered copy.
await poolJwks();
// #endregion
