/**
 * Lab: IAM Roles Anywhere.
 *
 * Picture this program on a server outside AWS. It holds a certificate and
 * its private key, and trades them for temporary AWS credentials. Every
 * endpoint and ARN comes from the environment, so the same code runs against
 * the local sandbox and AWS. Each run starts with a new key and certificate.
 */
import { getCertificate, revokeCertificate } from './certificate.ts';
import { createSession, type CreateSessionInput } from './sigv4x509.ts';
import { signedFetch } from './signed-fetch.ts';
// #region not-done-yet
import { notDoneYet } from './not-done.ts';
// #endregion

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this from the lab page so the sandbox outputs are injected.`);
  return value;
}

const identity = await getCertificate();
const request: CreateSessionInput = {
  endpoint: requireEnv('ROLES_ANYWHERE_ENDPOINT'),
  region: requireEnv('AWS_REGION'),
  trustAnchorArn: requireEnv('ROLES_ANYWHERE_TRUST_ANCHOR_ARN'),
  profileArn: requireEnv('ROLES_ANYWHERE_PROFILE_ARN'),
  roleArn: requireEnv('ROLES_ANYWHERE_ROLE_ARN'),
  certificatePem: identity.certificatePem,
  privateKey: identity.privateKey,
};

const session = await createSession(request);
console.log(`Credentials ${session.accessKeyId} for ${session.assumedRoleArn}`);
console.log(`Source identity ${session.sourceIdentity ?? '?'}, valid until ${session.expiration}`);

// #region call-api
// TODO (step 2): these credentials are a role session, like STS's. The Orders API's IAM door is at
// ORDERS_IAM_URL; sign GET /orders with them (signedFetch takes credentials) and print what comes back.
notDoneYet(2, 'nothing calls the Orders API with the session yet.');
// #endregion

// #region after-revocation
// Stretch (step 3): revoke this certificate (revokeCertificate takes its serial). What should a second
// createSession with it get, and what happens to the session you already hold? Print both; do not stop.
notDoneYet(3, 'a stretch step: revoke the certificate and try again.');
// #endregion
