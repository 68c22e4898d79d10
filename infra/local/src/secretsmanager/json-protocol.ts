import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveAwsJson, type AwsJsonHost } from '../protocols/aws-json-host.ts';
import { SECRETS_ACTIONS } from './actions.ts';
import type { SecretStore } from './secret-store.ts';

/** What serving Secrets Manager needs. */
export interface SecretsManagerHost extends AwsJsonHost {
  readonly secrets: SecretStore;
}

/**
 * Secrets Manager over AWS JSON 1.1 (`../protocols/aws-json-host.ts`): `POST`
 * to the endpoint override (`AWS_ENDPOINT_URL_SECRETS_MANAGER`) with
 * `X-Amz-Target: secretsmanager.<Action>`. As on AWS: the SigV4 signature
 * first (scope service `secretsmanager`), then the action, which authorizes
 * the signer's role on the secret's ARN before it reads or writes. The
 * signer's access key names the attendee; their account is the only one
 * whose secrets exist for them. Every call is `control-plane-call` evidence
 * with the secret's ARN (also when IAM refused it) and the caller's role
 * session, never the value.
 */
export async function handleSecretsManagerJson(
  request: IncomingMessage,
  response: ServerResponse,
  body: Buffer,
  host: SecretsManagerHost,
): Promise<void> {
  await serveAwsJson(request, response, body, host, {
    service: 'secretsmanager',
    targetPrefix: 'secretsmanager.',
    actions: SECRETS_ACTIONS,
    internalErrorCode: 'InternalServiceError',
    caller: (attendeeId) => ({ attendeeId }),
    context: ({ caller, action: _action, ...call }) => ({ ...call, attendeeId: caller.attendeeId, store: host.secrets }),
    recordsEvidence: () => true,
    failureEvidenceNamesResource: true,
  });
}
