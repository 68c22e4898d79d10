/**
 * Lab: OIDC federation for CI/CD.
 *
 * Picture this program as a step of a CI job (GitHub Actions, in the shape
 * the sandbox's CI system imitates). The job holds no AWS secret: its CI
 * system can vouch for it with a short-lived OIDC ID token, and STS trades
 * that token for a role session if the role's trust policy trusts this job.
 */
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { decodeJwt } from 'jose';
import { signedFetch, type AwsCredentials } from './signed-fetch.ts';
// #region not-done-yet
import { notDoneYet } from './not-done.ts';
// #endregion

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this from the lab page so the sandbox outputs are injected.`);
  return value;
}

const ciRoleArn = requireEnv('CI_ROLE_ARN');
const ordersIamUrl = requireEnv('ORDERS_IAM_URL');
/** Which job is asking; the CI system fills these in for a real job, the sandbox lets you pick. */
interface Job {
  repository?: string;
  ref?: string;
}

// #region id-token
/** Asks the CI system for this job's ID token, for the audience STS expects. */
async function idToken(job: Job = {}): Promise<string> {
  // TODO (step 1): the CI system hands a job two things, a URL and a bearer for it
  // (ACTIONS_ID_TOKEN_REQUEST_URL, ACTIONS_ID_TOKEN_REQUEST_TOKEN). Which audience must the
  // token name for STS? Pass job.repository and job.ref on as query parameters when set.
  // The answer is {"value": "<jwt>"}: print its iss, aud and sub (decodeJwt), return it.
  return notDoneYet(1, 'idToken does not ask the CI system for a token yet.');
}
// #endregion

// #region assume
/** Trades an ID token for a session of `roleArn`. The call is not signed: the token is the credential. */
async function assumeWithToken(roleArn: string, token: string): Promise<AwsCredentials> {
  // TODO (step 1): which STS call takes a web identity token instead of a signature? Ask for
  // the shortest session, print whose it is (the token's subject) and return its credentials.
  return notDoneYet(1, 'assumeWithToken does not call STS yet.');
}
// #endregion

// The job's first step: become the deploy role.
const deploy = await assumeWithToken(ciRoleArn, await idToken());

// #region deploy
// TODO (step 2): "deploy": POST an order to ORDERS_IAM_URL/orders, signed with the session (signedFetch).
notDoneYet(2, `the job holds a session (${deploy.accessKeyId}) but does not deploy with it yet.`);
// #endregion

// #region other-branch
// TODO (step 3): the same repository's feature branch asks for the same role. Predict, then try
// (idToken({ ref: 'refs/heads/feature-x' })), and print the refusal instead of stopping.
notDoneYet(3, 'no feature-branch job has tried the role yet.');
// #endregion

// #region no-sub
// TODO (step 4): a job of another repository (idToken({ repository: 'someone-else/fork' })) tries
// CI_AUDIENCE_ONLY_ROLE_ARN, whose trust policy checks aud but not sub.
notDoneYet(4, "nobody else's job has tried the audience-only role yet.");
// #endregion
