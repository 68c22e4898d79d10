/**
 * Lab: EC2 instance profiles.
 *
 * This program runs on your sandbox instance. Every endpoint and id comes from
 * the environment, so the same code runs against the local sandbox and AWS.
 */
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this from the lab page so the sandbox outputs are injected.`);
  return value;
}

const region = requireEnv('AWS_REGION');
const ordersRoleArn = requireEnv('ORDERS_ROLE_ARN');
const ordersApiUrl = requireEnv('ORDERS_IAM_URL'); // the copy of the Orders API that uses IAM authorization
// Where the instance metadata service listens. The SDK reads the same variable
// and, when it is absent (on a real instance), uses EC2's link-local address.
const imdsUrl = (process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT ?? 'http://169.254.169.254').replace(/\/+$/, '');

/** The credentials document IMDS serves for the instance's role. */
interface ImdsCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  Token: string;
  Expiration: string;
}

/** What the instance learnt about itself from IMDS. */
interface InstanceIdentity {
  instanceId: string;
  roleName: string;
  accessKeyId: string;
}

// #region imdsv2
/** Opens an IMDSv2 session: a PUT that states how long the token may live. */
async function imdsToken(ttlSeconds: number): Promise<string> {
  // TODO (step 1): PUT `${imdsUrl}/latest/api/token` with the header
  // x-aws-ec2-metadata-token-ttl-seconds, and return the body: the token.
  throw new Error('TODO (step 1): request an IMDSv2 session token');
}

/** Reads one metadata path, presenting the session token. */
async function imdsGet(path: string, token: string): Promise<string> {
  // TODO (step 1): GET `${imdsUrl}/latest/meta-data/${path}` with the header
  // x-aws-ec2-metadata-token, and return the trimmed body.
  throw new Error('TODO (step 1): read instance metadata');
}

/** Does by hand what the SDK does for you: token, role name, credentials. */
async function readInstanceCredentials(): Promise<InstanceIdentity> {
  // TODO (step 1): get a token with a short TTL, then read instance-id, iam/info,
  // iam/security-credentials/ (the role name) and iam/security-credentials/<role>.
  // Print the access key id and the expiration, never the secret or the token.
  throw new Error('TODO (step 1): read the instance role credentials from IMDS');
}
// #endregion

// #region imdsv1
/** Tries the old way: a plain GET, no session token. */
async function tryImdsV1(): Promise<number> {
  // TODO (step 2): GET `${imdsUrl}/latest/meta-data/iam/security-credentials/` with no
  // token header, print the status and return it.
  throw new Error('TODO (step 2): try IMDSv1');
}
// #endregion

// #region default-chain
/** Lets the SDK's default chain find the instance role, and calls the Orders API as it. */
async function callAsInstanceRole(instance: InstanceIdentity): Promise<number> {
  // TODO (step 3): take credentials from fromNodeProviderChain() and pass them to signedGetOrders.
  throw new Error('TODO (step 3): let the default chain find the credentials');
}
// #endregion

// #region assume-with-sdk
/** Lets the SDK assume the orders role on top of the instance role, naming the session after the instance. */
async function callAsOrdersRole(instance: InstanceIdentity): Promise<number> {
  // Stretch (step 4): build credentials with fromTemporaryCredentials for ordersRoleArn,
  // RoleSessionName instance.instanceId and DurationSeconds 900, and sign with them.
  return 0;
}
// #endregion

// #region proxy
/** Stretch: plays a reverse proxy that forwards a token request to IMDS. */
async function tokenThroughProxy(): Promise<number> {
  // Stretch (step 5): PUT a token request that carries an X-Forwarded-For header, print the status.
  return 0;
}
// #endregion

type SigningCredentials = ConstructorParameters<typeof SignatureV4>[0]['credentials'];

/** GET /orders signed with SigV4 for execute-api, as in lab 1; takes credentials or a credential provider. */
async function signedGetOrders(credentials: SigningCredentials): Promise<number> {
  const url = new URL(`${ordersApiUrl}/orders`);
  const signer = new SignatureV4({ service: 'execute-api', region, credentials, sha256: Hash.bind(null, 'sha256') });
  const request = new HttpRequest({
    method: 'GET',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    headers: { host: url.host },
  });
  const signed = await signer.sign(request);
  const response = await fetch(url, { method: 'GET', headers: signed.headers });
  console.log(`Signed GET /orders → ${response.status}`, await response.text());
  return response.status;
}

const instance = await readInstanceCredentials();
await tryImdsV1();
await callAsInstanceRole(instance);
await callAsOrdersRole(instance);
await tokenThroughProxy();
