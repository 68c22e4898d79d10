import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SigV4Evidence } from '@keyless/labs/sandbox';
import type { AttendeeRecord, AttendeeRegistry } from '../attendees/index.ts';
import { AwsServiceError } from '../errors/index.ts';
import { CHECKER_USER_AGENT } from '../evidence/checker.ts';
import type { EvidenceStore } from '../evidence/evidence-store.ts';
import { headerValue } from '../http/io.ts';
import { authenticateSigV4, notAuthorizedMessage, type Iam } from '../iam/index.ts';
import { SignatureMismatchError, sigV4Evidence } from '../sigv4/index.ts';
import { awsJsonInput, sendAwsJsonError, sendAwsJsonResult } from '../protocols/aws-json.ts';
import { COGNITO_ACTIONS } from './actions.ts';
import type { CognitoStore } from './client-store.ts';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/** What serving the control plane needs. */
export interface CognitoHost {
  readonly region: string;
  readonly now: () => number;
  readonly iam: Iam;
  readonly attendees: Pick<AttendeeRegistry, 'get'>;
  readonly cognito: CognitoStore;
  readonly evidence: Pick<EvidenceStore, 'record'>;
}

/**
 * The Cognito control plane over AWS JSON 1.1: `POST /` with
 * `X-Amz-Target: AWSCognitoIdentityProviderService.<Action>`. Every request is
 * SigV4-verified first (as AWS authenticates before it routes), the signer's
 * access key names the attendee, and the action runs on that attendee's
 * behalf. Hand-written because no maintained library serves awsJson: moto is
 * Python and cognito-local has no resource servers or domains (see README).
 */
export async function handleCognitoJson(
  request: IncomingMessage,
  response: ServerResponse,
  body: Buffer,
  host: CognitoHost,
): Promise<void> {
  const target = headerValue(request, 'x-amz-target') ?? '';
  const action = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  // The SDK reads the Date header to correct clock skew, so answering on the
  // sandbox clock keeps signing working when tests move that clock.
  const envelope = { requestId: randomUUID(), date: host.now() };
  let caller: AttendeeRecord | undefined;
  let sigv4: SigV4Evidence | undefined;
  let principal: string | undefined;
  const fromChecker = (headerValue(request, 'user-agent') ?? '').includes(CHECKER_USER_AGENT);
  try {
    if (!action)
      throw new AwsServiceError('UnknownOperationException', `Unknown operation: X-Amz-Target must be ${TARGET_PREFIX}<Action>.`);
    const { session, identity } = await authenticateSigV4(
      { method: request.method ?? 'POST', url: request.url ?? '/', headers: request.headers, body },
      { service: 'cognito-idp', region: host.region, now: host.now, iam: host.iam },
    ).catch((error: unknown) => {
      // A signature that did not match is the key owner's attempt: their Wire view shows what the sandbox signed.
      sigv4 = sigV4Evidence(request.headers, error);
      if (error instanceof SignatureMismatchError) caller = ownerOf(error.accessKeyId, host);
      throw error;
    });
    sigv4 = sigV4Evidence(request.headers);
    principal = identity.assumedRoleArn;
    caller = host.attendees.get(session.attendeeId);
    if (!caller) throw new AwsServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.');
    const handler = Object.hasOwn(COGNITO_ACTIONS, action) ? COGNITO_ACTIONS[action] : undefined;
    if (!handler) {
      throw new AwsServiceError(
        'UnsupportedOperationException',
        `The local Keyless sandbox does not emulate cognito-idp:${action}. It emulates ${Object.keys(COGNITO_ACTIONS).join(', ')}; run against real AWS for the rest.`,
      );
    }
    const iamAction = `cognito-idp:${action}`;
    const result = handler(awsJsonInput(body), {
      action,
      caller,
      accountId: identity.role.accountId,
      region: host.region,
      store: host.cognito,
      now: host.now,
      authorize: (resource) => {
        const decision = host.iam.authorize(session, identity, iamAction, resource);
        if (decision === 'allow') return;
        throw new AwsServiceError(
          'AccessDeniedException',
          notAuthorizedMessage({ principal: identity.assumedRoleArn, action: iamAction, resource, decision }, 'reason'),
        );
      },
    });
    if (!fromChecker) {
      await host.evidence.record(caller.attendeeId, {
        kind: 'control-plane-call',
        service: 'cognito-idp',
        action,
        outcome: 'success',
        principal: identity.assumedRoleArn,
        ...(result.resourceId ? { resourceId: result.resourceId } : {}),
        ...(sigv4 ? { sigv4 } : {}),
      });
    }
    sendAwsJsonResult(response, result.output, envelope);
  } catch (error) {
    const failure = error instanceof AwsServiceError ? error : internalError(error);
    if (caller && !fromChecker) {
      await host.evidence.record(caller.attendeeId, {
        kind: 'control-plane-call',
        service: 'cognito-idp',
        action,
        outcome: 'failure',
        error: failure.code,
        ...(principal ? { principal } : {}),
        ...(sigv4 ? { sigv4 } : {}),
      });
    }
    sendAwsJsonError(response, failure, envelope);
  }
}

function ownerOf(accessKeyId: string, host: CognitoHost): AttendeeRecord | undefined {
  const owner = host.iam.lookup(accessKeyId)?.attendeeId;
  return owner === undefined ? undefined : host.attendees.get(owner);
}

function internalError(error: unknown): AwsServiceError {
  console.error('[local-aws] cognito-idp internal error', error);
  return new AwsServiceError('InternalErrorException', 'The local sandbox failed to process the request; see its log.', 500);
}
