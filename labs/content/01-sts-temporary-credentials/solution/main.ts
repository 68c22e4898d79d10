/**
 * Lab: Temporary credentials with STS.
 *
 * This program runs on your sandbox instance. Every endpoint and id comes from
 * the environment, so the same code runs against the local sandbox and AWS.
 */
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
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

/** What STS hands out: three strings that only work together, and an expiry. */
interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

// #region who-am-i
/** Asks STS which principal signed the request. */
async function whoAmI(sts: STSClient): Promise<string> {
  const { Arn, Account } = await sts.send(new GetCallerIdentityCommand({}));
  if (!Arn) throw new Error('GetCallerIdentity returned no ARN.');
  console.log(`Account ${Account}, principal ${Arn}`);
  return Arn;
}
// #endregion

// #region assume-role
/** Names the session: it shows up in the role's ARN, in CloudTrail and in the Orders API's logs. */
const SESSION_NAME = 'orders-report';

/** Trades the instance's identity for a short session of the narrow orders role. */
async function assumeOrdersRole(sts: STSClient): Promise<TemporaryCredentials> {
  const { Credentials: c, AssumedRoleUser } = await sts.send(
    new AssumeRoleCommand({
      RoleArn: ordersRoleArn,
      RoleSessionName: SESSION_NAME,
      DurationSeconds: 900, // 15 minutes, the shortest session STS grants
    }),
  );
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) throw new Error('AssumeRole returned no credentials.');
  const minutesLeft = Math.round((c.Expiration.getTime() - Date.now()) / 60_000);
  console.log(`Assumed ${AssumedRoleUser?.Arn}: key ${c.AccessKeyId}, expires ${c.Expiration.toISOString()} (in ${minutesLeft} min)`);
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
}
// #endregion

// #region sign
/** GET /orders, signed with SigV4 for the execute-api service as of `signingDate`. */
async function signedGetOrders(credentials: TemporaryCredentials, signingDate = new Date()): Promise<number> {
  const url = new URL(`${ordersApiUrl}/orders`);
  const signer = new SignatureV4({ service: 'execute-api', region, credentials, sha256: Hash.bind(null, 'sha256') });
  const request = new HttpRequest({
    method: 'GET',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    headers: { host: url.host }, // the host header is signed, so the request cannot be redirected elsewhere
  });
  const signed = await signer.sign(request, { signingDate });
  // Authorization, X-Amz-Date and X-Amz-Security-Token now carry the signature; the secret key stayed here.
  const response = await fetch(url, { method: 'GET', headers: signed.headers });
  console.log(`GET /orders signed at ${signingDate.toISOString()} → ${response.status}`, await response.text());
  return response.status;
}
// #endregion

// #region replay
/** Plays an attacker who copied a signed request out of a log 20 minutes ago and sends it again. */
async function replayOldRequest(credentials: TemporaryCredentials): Promise<number> {
  const twentyMinutesAgo = new Date(Date.now() - 20 * 60_000);
  return signedGetOrders(credentials, twentyMinutesAgo); // expected: 403, the signature is too old
}
// #endregion

// #region ask-too-long
/** Stretch: asks STS for a 12-hour session of the orders role. */
async function askForLongSession(sts: STSClient): Promise<void> {
  try {
    await sts.send(new AssumeRoleCommand({ RoleArn: ordersRoleArn, RoleSessionName: SESSION_NAME, DurationSeconds: 12 * 3600 }));
    console.log('STS granted a 12-hour session?!');
  } catch (error) {
    // Expected: ValidationError. The role owner caps session length, and role chaining caps it at one hour.
    console.log(`A 12-hour session was refused: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
}
// #endregion

// No credentials in the code: the SDK's default chain finds the instance's own
// role (lab 2 shows how), and AWS_ENDPOINT_URL_STS points it at the sandbox.
const sts = new STSClient({});
await whoAmI(sts);

const credentials = await assumeOrdersRole(sts);
await whoAmI(new STSClient({ credentials }));

await signedGetOrders(credentials); // expected: 200
await replayOldRequest(credentials); // expected: 403
await askForLongSession(sts);
