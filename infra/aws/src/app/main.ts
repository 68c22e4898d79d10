/**
 * The CDK app entry (`npm run synth -w @keyless/aws-sandbox`, or `cdk synth`/`cdk deploy --app`):
 * configuration from the environment, the only place that reads it.
 *   KEYLESS_EVENT_ID, KEYLESS_ATTENDEES (default 1), KEYLESS_EXPIRES_AT (ISO-8601),
 *   KEYLESS_MTLS_DOMAIN, KEYLESS_MTLS_CERTIFICATE_ARN, CDK_DEFAULT_ACCOUNT/REGION, CDK_OUTDIR.
 */
import { keylessApp } from './keyless-app.ts';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see infra/aws/README.md, "Synth and deploy").`);
  return value;
}

const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;
const outdir = process.env.CDK_OUTDIR;
const { app } = keylessApp({
  eventId: required('KEYLESS_EVENT_ID'),
  attendees: Number(process.env.KEYLESS_ATTENDEES ?? '1'),
  expiresAt: required('KEYLESS_EXPIRES_AT'),
  mtls: { domainName: required('KEYLESS_MTLS_DOMAIN'), certificateArn: required('KEYLESS_MTLS_CERTIFICATE_ARN') },
  env: { ...(account ? { account } : {}), ...(region ? { region } : {}) },
  ...(outdir ? { outdir } : {}),
});
app.synth();
