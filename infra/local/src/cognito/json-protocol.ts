import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AttendeeRegistry } from '../attendees/index.ts';
import { CHECKER_USER_AGENT } from '../evidence/checker.ts';
import { headerValue } from '../http/io.ts';
import { serveAwsJson, type AwsJsonHost } from '../protocols/aws-json-host.ts';
import { COGNITO_ACTIONS } from './actions.ts';
import type { CognitoStore } from './client-store.ts';

/** What serving the control plane needs. */
export interface CognitoHost extends AwsJsonHost {
  readonly attendees: Pick<AttendeeRegistry, 'get'>;
  readonly cognito: CognitoStore;
}

/**
 * The Cognito control plane over AWS JSON 1.1 (`../protocols/aws-json-host.ts`):
 * `POST /` with `X-Amz-Target: AWSCognitoIdentityProviderService.<Action>`,
 * SigV4-verified first, run on behalf of the attendee the signer's access
 * key names (an attendee the registry no longer knows is an unrecognized
 * client). The checker's own describe calls are not attendee evidence, and a
 * failed call's evidence names no resource.
 */
export async function handleCognitoJson(
  request: IncomingMessage,
  response: ServerResponse,
  body: Buffer,
  host: CognitoHost,
): Promise<void> {
  await serveAwsJson(request, response, body, host, {
    service: 'cognito-idp',
    targetPrefix: 'AWSCognitoIdentityProviderService.',
    actions: COGNITO_ACTIONS,
    internalErrorCode: 'InternalErrorException',
    caller: (attendeeId) => host.attendees.get(attendeeId),
    context: (call) => ({ ...call, store: host.cognito }),
    recordsEvidence: (incoming) => !(headerValue(incoming, 'user-agent') ?? '').includes(CHECKER_USER_AGENT),
    failureEvidenceNamesResource: false,
  });
}
