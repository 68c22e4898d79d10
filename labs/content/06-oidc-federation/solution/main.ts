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
// Every step is done, so nothing calls notDoneYet (from not-done.ts) any more.
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
  const url = new URL(requireEnv('ACTIONS_ID_TOKEN_REQUEST_URL'));
  url.searchParams.set('audience', 'sts.amazonaws.com');
  if (job.repository) url.searchParams.set('repository', job.repository);
  if (job.ref) url.searchParams.set('ref', job.ref);
  const response = await fetch(url, { headers: { authorization: `Bearer ${requireEnv('ACTIONS_ID_TOKEN_REQUEST_TOKEN')}` } });
  if (!response.ok) throw new Error(`ID token request failed: ${response.status} ${await response.text()}`);
  const { value } = (await response.json()) as { value: string };
  // Reading the claims to learn what the token says is fine; trusting them is STS's job, after it verified the signature.
  const { iss, aud, sub } = decodeJwt(value);
  console.log(`ID token: iss ${String(iss)}, aud ${String(aud)}, sub ${String(sub)}`);
  return value;
}
// #endregion

// #region assume
/** Trades an ID token for a session of `roleArn`. The call is not signed: the token is the credential. */
async function assumeWithToken(roleArn: string, token: string): Promise<AwsCredentials> {
  const sts = new STSClient({});
  const { Credentials: c, SubjectFromWebIdentityToken: subject } = await sts.send(
    new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: 'ci-deploy', WebIdentityToken: token, DurationSeconds: 900 }),
  );
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('AssumeRoleWithWebIdentity returned no credentials.');
  console.log(`${roleArn.split('/').pop() ?? roleArn} for ${subject ?? '?'} until ${c.Expiration?.toISOString() ?? '?'}`);
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}
// #endregion

// The job's first step: become the deploy role.
const deploy = await assumeWithToken(ciRoleArn, await idToken());

// #region deploy
const response = await signedFetch(`${ordersIamUrl}/orders`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ item: 'release-1.4.2', quantity: 1 }),
  credentials: deploy,
});
console.log(`Deploy: POST /orders → ${response.status}`, await response.text());
// #endregion

// #region other-branch
// A job on a feature branch of the same repository: its sub names that branch.
const feature = await idToken({ ref: 'refs/heads/feature-x' });
await assumeWithToken(ciRoleArn, feature).then(
  () => console.log('The feature branch got the deploy role?!'),
  (error: unknown) => console.log(`Feature branch refused: ${error instanceof Error ? error.name : String(error)}`),
);
// #endregion

// #region no-sub
// A job of somebody else's repository, same issuer, same audience.
const stranger = await idToken({ repository: 'someone-else/fork' });
const weak = await assumeWithToken(requireEnv('CI_AUDIENCE_ONLY_ROLE_ARN'), stranger);
console.log(`A stranger's job holds a session of the audience-only role: ${weak.accessKeyId}`);
// #endregion
