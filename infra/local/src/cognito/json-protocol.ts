import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AttendeeRecord } from '../attendees/index.ts';
import { AwsServiceError } from '../errors/index.ts';
import { headerValue, sendJson } from '../http/io.ts';
import { authenticateSigV4, notAuthorizedMessage } from '../iam/index.ts';
import { CHECKER_USER_AGENT } from '../evidence/checker.ts';
import type { SandboxState } from '../state.ts';
import { COGNITO_ACTIONS } from './index.ts';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';

/**
 * The Cognito control plane over AWS JSON 1.1: `POST /` with
 * `X-Amz-Target: AWSCognitoIdentityProviderService.<Action>`. Every request is
 * SigV4-verified first (as AWS authenticates before it routes), the signer's
 * access key names the attendee, and the action runs on that attendee's
 * behalf. Hand-written because no maintained library serves awsJson: moto is
 * Python and cognito-local has no resource servers or domains (see README).
 */
export async function handleCognitoJson(request: IncomingMessage, response: ServerResponse, body: Buffer, state: SandboxState): Promise<void> {
  const target = headerValue(request, 'x-amz-target') ?? '';
  const action = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  const headers = { 'x-amzn-requestid': randomUUID(), date: new Date(state.now()).toUTCString() };
  // The SDK reads the Date header to correct clock skew, so answering on the
  // sandbox clock keeps signing working when tests move that clock.
  let caller: AttendeeRecord | undefined;
  const fromChecker = (headerValue(request, 'user-agent') ?? '').includes(CHECKER_USER_AGENT);
  try {
    if (!action) throw new AwsServiceError('UnknownOperationException', `Unknown operation: X-Amz-Target must be ${TARGET_PREFIX}<Action>.`);
    const { session, identity } = await authenticateSigV4({ method: request.method ?? 'POST', url: request.url ?? '/', headers: request.headers, body }, { service: 'cognito-idp', region: state.region, now: state.now, iam: state.iam });
    caller = state.attendees.get(session.attendeeId);
    if (!caller) throw new AwsServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.');
    const handler = Object.hasOwn(COGNITO_ACTIONS, action) ? COGNITO_ACTIONS[action] : undefined;
    if (!handler) {
      throw new AwsServiceError(
        'UnsupportedOperationException',
        `The local Keyless sandbox does not emulate cognito-idp:${action}. It emulates ${Object.keys(COGNITO_ACTIONS).join(', ')}; run against real AWS for the rest.`,
      );
    }
    const iamAction = `cognito-idp:${action}`;
    const result = handler(parseJson(body), {
      action,
      caller,
      accountId: identity.role.accountId,
      region: state.region,
      store: state.cognito,
      now: state.now,
      authorize: (resource) => {
        const decision = state.iam.authorize(session, identity, iamAction, resource);
        if (decision === 'allow') return;
        throw new AwsServiceError('AccessDeniedException', notAuthorizedMessage({ principal: identity.assumedRoleArn, action: iamAction, resource, decision }, 'reason'));
      },
    });
    if (!fromChecker) {
      await state.evidence.record(caller.attendeeId, {
        kind: 'control-plane-call', service: 'cognito-idp', action, outcome: 'success',
        ...(result.resourceId ? { resourceId: result.resourceId } : {}),
      });
    }
    sendJson(response, 200, result.output, headers, CONTENT_TYPE);
  } catch (error) {
    const failure = error instanceof AwsServiceError ? error : internalError(error);
    if (caller && !fromChecker) {
      await state.evidence.record(caller.attendeeId, { kind: 'control-plane-call', service: 'cognito-idp', action, outcome: 'failure', error: failure.code });
    }
    sendJson(response, failure.status, { __type: failure.code, message: failure.message }, { ...headers, 'x-amzn-errortype': failure.code }, CONTENT_TYPE);
  }
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new AwsServiceError('SerializationException', 'The request body is not valid JSON.');
  }
}

function internalError(error: unknown): AwsServiceError {
  console.error('[local-aws] cognito-idp internal error', error);
  return new AwsServiceError('InternalErrorException', 'The local sandbox failed to process the request; see its log.', 500);
}
