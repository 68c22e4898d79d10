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
// Every step is done, so nothing calls notDoneYet (from not-done.ts) any more.
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
  const response = await fetch(`${imdsUrl}/latest/api/token`, {
    method: 'PUT',
    headers: { 'x-aws-ec2-metadata-token-ttl-seconds': String(ttlSeconds) },
  });
  if (!response.ok) throw new Error(`IMDS refused the token request: ${response.status}`);
  return response.text();
}

/** Reads one metadata path, presenting the session token. */
async function imdsGet(path: string, token: string): Promise<string> {
  const response = await fetch(`${imdsUrl}/latest/meta-data/${path}`, { headers: { 'x-aws-ec2-metadata-token': token } });
  if (!response.ok) throw new Error(`IMDS answered ${response.status} to ${path}`);
  return (await response.text()).trim();
}

/** Does by hand what the SDK does for you: token, role name, credentials. */
async function readInstanceCredentials(): Promise<InstanceIdentity> {
  const token = await imdsToken(60); // this program needs the session for seconds, not hours
  const instanceId = await imdsGet('instance-id', token);
  const profile = JSON.parse(await imdsGet('iam/info', token)) as { InstanceProfileArn: string };
  const roleName = await imdsGet('iam/security-credentials/', token);
  const credentials = JSON.parse(await imdsGet(`iam/security-credentials/${roleName}`, token)) as ImdsCredentials;
  console.log(`Instance ${instanceId}, profile ${profile.InstanceProfileArn}, role ${roleName}`);
  // Never print the secret or the token: this output could end up in a log.
  console.log(`Credentials ${credentials.AccessKeyId}, expiring ${credentials.Expiration}`);
  return { instanceId, roleName, accessKeyId: credentials.AccessKeyId };
}
// #endregion

// #region imdsv1
/** Tries the old way: a plain GET, no session token. */
async function tryImdsV1(): Promise<number> {
  const response = await fetch(`${imdsUrl}/latest/meta-data/iam/security-credentials/`);
  console.log(`IMDSv1 GET without a token → ${response.status}`); // expected: 401
  return response.status;
}
// #endregion

// #region default-chain
/** Lets the SDK's default chain find the instance role, and calls the Orders API as it. */
async function callAsInstanceRole(instance: InstanceIdentity): Promise<number> {
  const credentials = fromNodeProviderChain(); // the chain every AWS SDK client uses when given nothing
  const { accessKeyId } = await credentials();
  console.log(`The SDK found ${accessKeyId}${accessKeyId === instance.accessKeyId ? ', the key you read by hand' : ''}`);
  return signedGetOrders(credentials); // expected: 403, and the answer names the instance role
}
// #endregion

// #region assume-with-sdk
/** Lets the SDK assume the orders role on top of the instance role, naming the session after the instance. */
async function callAsOrdersRole(instance: InstanceIdentity): Promise<number> {
  const credentials = fromTemporaryCredentials({
    params: { RoleArn: ordersRoleArn, RoleSessionName: instance.instanceId, DurationSeconds: 900 },
    // No masterCredentials: the default chain (the instance role) signs the AssumeRole call.
  });
  return signedGetOrders(credentials); // expected: 200
}
// #endregion

// #region proxy
/** Stretch: plays a reverse proxy that forwards a token request to IMDS. */
async function tokenThroughProxy(): Promise<number> {
  const response = await fetch(`${imdsUrl}/latest/api/token`, {
    method: 'PUT',
    headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60', 'x-forwarded-for': '203.0.113.7' },
  });
  console.log(`Token request that went through a proxy → ${response.status}`); // expected: refused
  return response.status;
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
