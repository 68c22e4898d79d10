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
  // TODO (step 1): STS has one call that needs no permission and answers
  // "who signed this?". Print the account and the ARN; return the ARN.
  return notDoneYet(1, 'whoAmI does not ask STS yet.');
}
// #endregion

// #region assume-role
/** Names the session: it shows up in the role's ARN, in CloudTrail and in the Orders API's logs. */
const SESSION_NAME = 'orders-report';

/** Trades the instance's identity for a short session of the narrow orders role. */
async function assumeOrdersRole(sts: STSClient): Promise<TemporaryCredentials> {
  // TODO (step 2): ask STS for the shortest session of ordersRoleArn it grants,
  // named SESSION_NAME. Print when it expires, never the secret; return the
  // three strings and the expiry.
  return notDoneYet(2, 'assumeOrdersRole does not assume the role yet.');
}
// #endregion

// #region sign
/** GET /orders, signed with SigV4 for the execute-api service as of `signingDate`. */
async function signedGetOrders(credentials: TemporaryCredentials, signingDate = new Date()): Promise<number> {
  // TODO (step 3): describe the GET as an HttpRequest (the host header included:
  // why?), have a SignatureV4 for execute-api sign it as of signingDate, send
  // the signed headers with fetch and return the status.
  return notDoneYet(3, 'signedGetOrders does not sign the request yet.');
}
// #endregion

// #region replay
/** Plays an attacker who copied a signed request out of a log 20 minutes ago and sends it again. */
async function replayOldRequest(credentials: TemporaryCredentials): Promise<number> {
  // Stretch (step 4): an attacker's copy is a request signed a while ago. How
  // would you make one with the function you already have?
  return notDoneYet(4, 'a stretch step: replay a 20-minute-old request.');
}
// #endregion

// #region ask-too-long
/** Stretch: asks STS for a 12-hour session of the orders role. */
async function askForLongSession(sts: STSClient): Promise<void> {
  // Stretch (step 5): ask for 12 hours and print what STS answers.
  notDoneYet(5, 'a stretch step: ask STS for a 12-hour session.');
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
