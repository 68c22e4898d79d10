/**
 * Lab: choosing a mechanism.
 *
 * Six workloads need to authenticate. Pick a mechanism for each, give a
 * one-line reason, and Run: your decisions go to the sandbox's architecture
 * review endpoint, and Check explains each one.
 */
import { notDoneYet } from './not-done.ts';

type Mechanism =
  | 'iam-user-access-key' // a long-lived access key of an IAM user
  | 'api-key' // a static key sent on every request
  | 'instance-profile' // EC2 role credentials from the instance metadata service
  | 'sts-assume-role' // temporary credentials for a role, from other credentials
  | 'oidc-federation' // AssumeRoleWithWebIdentity with an OIDC token from your IdP or CI
  | 'cognito-client-credentials' // OAuth2 client credentials grant, scoped access tokens
  | 'mutual-tls' // X.509 client certificates verified in the TLS handshake
  | 'roles-anywhere' // X.509 certificates exchanged for temporary AWS credentials
  | 'identity-center'; // IAM Identity Center (SSO) sign-in for people

interface Decision {
  choice: Mechanism;
  reason: string;
}

const reviewApiUrl = process.env.REVIEW_API_URL;
if (!reviewApiUrl) throw new Error('REVIEW_API_URL is not set: run this from the lab page.');

// #region aws-workloads
/** A service on EC2 reads orders from DynamoDB. */
const ec2Service: Decision = { choice: 'instance-profile', reason: 'The instance role delivers rotated credentials; nothing to store.' };

/** A GitHub Actions workflow deploys the CDK app on every merge to main. */
const ciPipeline: Decision = { choice: 'oidc-federation', reason: 'The CI system already issues signed OIDC tokens per job.' };
// #endregion

// #region outside-aws
/** A nightly batch job on a server in your data centre uploads reports to S3; your company runs a private CA for its servers. */
const onPremisesBatch: Decision = { choice: 'roles-anywhere', reason: 'Reuse the server certificate to get temporary AWS credentials.' };

/** 50,000 sensors, each with a unique certificate in a secure element, send telemetry to your API. */
const iotFleet: Decision = { choice: 'mutual-tls', reason: 'Every device already holds a certificate it cannot leak.' };
// #endregion

// #region people-and-partners
/** A partner's order system calls your Orders API (API Gateway) thousands of times a day. */
const partnerApi: Decision = {
  choice: 'cognito-client-credentials',
  reason: 'Short-lived, scoped tokens; the secret only goes to the token endpoint.',
};

/** A developer runs the AWS CLI on a laptop to inspect a staging account. */
const humanDeveloper: Decision = { choice: 'identity-center', reason: 'People sign in with SSO and get credentials that expire.' };
// #endregion

const decisions = {
  'ec2-service': ec2Service,
  'ci-pipeline': ciPipeline,
  'on-premises-batch': onPremisesBatch,
  'iot-fleet': iotFleet,
  'partner-api': partnerApi,
  'human-developer': humanDeveloper,
};

// #region submit
const response = await fetch(`${reviewApiUrl}/decisions`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ decisions: Object.entries(decisions).map(([scenario, decision]) => ({ scenario, ...decision })) }),
});
console.log(`Review board: ${response.status}`, await response.text());
for (const [scenario, { choice }] of Object.entries(decisions)) console.log(`${scenario.padEnd(18)} → ${choice}`);
// The review board has every decision, finished or not; say which step is still to do.
for (const { reason } of Object.values(decisions)) {
  const step = /^TODO \(step (\d)\)/.exec(reason)?.[1];
  if (step !== undefined) notDoneYet(Number(step), 'a decision of this step still has its TODO reason.');
}
// #endregion
