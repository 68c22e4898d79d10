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
// Every step is done, so nothing calls notDoneYet (from not-done.ts) any more.
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
const ordersIamUrl = requireEnv('ORDERS_IAM_URL');
const response = await signedFetch(`${ordersIamUrl}/orders`, { credentials: session });
console.log(`GET /orders → ${response.status}`, await response.text());
// #endregion

// #region after-revocation
await revokeCertificate(identity.serialNumber);
try {
  await createSession(request); // expected: refused, the certificate is on the CRL
  console.log('CreateSession still worked: the revocation has not reached Roles Anywhere');
} catch (error) {
  console.log(`After revocation: ${(error as Error).message}`);
}
// Credentials issued before the revocation live on until they expire.
const again = await signedFetch(`${requireEnv('ORDERS_IAM_URL')}/orders`, { credentials: session });
console.log(`GET /orders with the earlier session → ${again.status}`);
// #endregion
