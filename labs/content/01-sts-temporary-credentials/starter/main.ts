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
  // TODO (step 1): send a GetCallerIdentityCommand, print the account and ARN, return the ARN.
  throw new Error('TODO (step 1): call GetCallerIdentity');
}
// #endregion

// #region assume-role
/** Names the session: it shows up in the role's ARN, in CloudTrail and in the Orders API's logs. */
const SESSION_NAME = 'orders-report';

/** Trades the instance's identity for a short session of the narrow orders role. */
async function assumeOrdersRole(sts: STSClient): Promise<TemporaryCredentials> {
  // TODO (step 2): send an AssumeRoleCommand for ordersRoleArn with RoleSessionName
  // SESSION_NAME and DurationSeconds 900; print the Expiration; return the credentials.
  throw new Error('TODO (step 2): assume the orders role');
}
// #endregion

// #region sign
/** GET /orders, signed with SigV4 for the execute-api service as of `signingDate`. */
async function signedGetOrders(credentials: TemporaryCredentials, signingDate = new Date()): Promise<number> {
  // TODO (step 3): build an HttpRequest for `${ordersApiUrl}/orders`, sign it with a
  // SignatureV4 for service 'execute-api' in `region`, send it with fetch and
  // return the status.
  throw new Error('TODO (step 3): sign the request with SigV4');
}
// #endregion

// #region replay
/** Plays an attacker who copied a signed request out of a log 20 minutes ago and sends it again. */
async function replayOldRequest(credentials: TemporaryCredentials): Promise<number> {
  // Stretch (step 4): sign the same GET as of 20 minutes ago and send it; return the status.
  return 0;
}
// #endregion

// #region ask-too-long
/** Stretch: asks STS for a 12-hour session of the orders role. */
async function askForLongSession(sts: STSClient): Promise<void> {
  // Stretch (step 5): ask for DurationSeconds 43200 and print why STS refuses.
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
