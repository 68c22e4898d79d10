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
// #region not-done-yet
import { notDoneYet } from './not-done.ts';
// #endregion

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
  // TODO (step 1): IMDSv2 sessions start with a PUT to /latest/api/token that
  // says how long the token may live (the step names the header). The body is the token.
  return notDoneYet(1, 'imdsToken does not open an IMDSv2 session yet.');
}

/** Reads one metadata path, presenting the session token. */
async function imdsGet(path: string, token: string): Promise<string> {
  // TODO (step 1): a GET under /latest/meta-data/, presenting the token.
  return notDoneYet(1, 'imdsGet does not read metadata yet.');
}

/** Does by hand what the SDK does for you: token, role name, credentials. */
async function readInstanceCredentials(): Promise<InstanceIdentity> {
  // TODO (step 1): how long does this program need its session? Then walk the
  // paths the step lists, from the instance id down to the role's credentials.
  // Print the access key id and the expiry; which two fields must never be printed?
  return notDoneYet(1, 'readInstanceCredentials does not read IMDS yet.');
}
// #endregion

// #region imdsv1
/** Tries the old way: a plain GET, no session token. */
async function tryImdsV1(): Promise<number> {
  // TODO (step 2): ask for the role's credentials path the IMDSv1 way, with no
  // token at all. Print the status and return it.
  return notDoneYet(2, 'tryImdsV1 does not try IMDSv1 yet.');
}
// #endregion

// #region default-chain
/** Lets the SDK's default chain find the instance role, and calls the Orders API as it. */
async function callAsInstanceRole(instance: InstanceIdentity): Promise<number> {
  // TODO (step 3): give signedGetOrders a credential provider instead of keys.
  // Which one does every SDK client use when you pass it nothing?
  return notDoneYet(3, 'callAsInstanceRole does not use the default chain yet.');
}
// #endregion

// #region assume-with-sdk
/** Lets the SDK assume the orders role on top of the instance role, naming the session after the instance. */
async function callAsOrdersRole(instance: InstanceIdentity): Promise<number> {
  // Stretch (step 4): a provider that assumes ordersRoleArn on top of the default
  // chain, with a session name a log reader could trace to this instance.
  return notDoneYet(4, 'a stretch step: let the SDK assume the orders role.');
}
// #endregion

// #region proxy
/** Stretch: plays a reverse proxy that forwards a token request to IMDS. */
async function tokenThroughProxy(): Promise<number> {
  // Stretch (step 5): what does a token request look like after a reverse proxy
  // forwarded it? Send one and print the status.
  return notDoneYet(5, 'a stretch step: a token request through a proxy.');
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
