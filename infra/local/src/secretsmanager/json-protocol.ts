import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SigV4Evidence } from '@keyless/labs/sandbox';
import { AwsServiceError } from '../errors/index.ts';
import type { EvidenceStore } from '../evidence/evidence-store.ts';
import { headerValue } from '../http/io.ts';
import { authenticateSigV4, notAuthorizedMessage, type Iam } from '../iam/index.ts';
import { awsJsonInput, sendAwsJsonError, sendAwsJsonResult } from '../protocols/aws-json.ts';
import { SignatureMismatchError, sigV4Evidence } from '../sigv4/index.ts';
import { SECRETS_ACTIONS } from './actions.ts';
import type { SecretStore } from './secret-store.ts';

const TARGET_PREFIX = 'secretsmanager.';

/** What serving Secrets Manager needs. */
export interface SecretsManagerHost {
  readonly region: string;
  readonly now: () => number;
  readonly iam: Iam;
  readonly secrets: SecretStore;
  readonly evidence: Pick<EvidenceStore, 'record'>;
}

/**
 * Secrets Manager over AWS JSON 1.1: `POST` to the endpoint override
 * (`AWS_ENDPOINT_URL_SECRETS_MANAGER`) with `X-Amz-Target:
 * secretsmanager.<Action>`. As on AWS: the SigV4 signature first (scope
 * service `secretsmanager`), then the action, which authorizes the signer's
 * role on the secret's ARN before it reads or writes. The signer's access
 * key names the attendee; their account is the only one whose secrets exist
 * for them. Every call is `control-plane-call` evidence with the secret's
 * ARN and the caller's role session, never the value.
 */
export async function handleSecretsManagerJson(
  request: IncomingMessage,
  response: ServerResponse,
  body: Buffer,
  host: SecretsManagerHost,
): Promise<void> {
  const target = headerValue(request, 'x-amz-target') ?? '';
  const action = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  // On the sandbox clock, so the SDK's clock-skew correction follows a test's moved clock.
  const envelope = { requestId: randomUUID(), date: host.now() };
  let attendeeId: string | undefined;
  let principal: string | undefined;
  let resourceId: string | undefined;
  let sigv4: SigV4Evidence | undefined;
  try {
    if (!action)
      throw new AwsServiceError('UnknownOperationException', `Unknown operation: X-Amz-Target must be ${TARGET_PREFIX}<Action>.`);
    const { session, identity } = await authenticateSigV4(
      { method: request.method ?? 'POST', url: request.url ?? '/', headers: request.headers, body },
      { service: 'secretsmanager', region: host.region, now: host.now, iam: host.iam },
    ).catch((error: unknown) => {
      // A signature that did not match is its key owner's attempt: their evidence shows what the sandbox signed.
      sigv4 = sigV4Evidence(request.headers, error);
      if (error instanceof SignatureMismatchError) attendeeId = host.iam.lookup(error.accessKeyId)?.attendeeId;
      throw error;
    });
    sigv4 = sigV4Evidence(request.headers);
    attendeeId = session.attendeeId;
    principal = identity.assumedRoleArn;
    const handler = Object.hasOwn(SECRETS_ACTIONS, action) ? SECRETS_ACTIONS[action] : undefined;
    if (!handler) {
      throw new AwsServiceError(
        'UnsupportedOperationException',
        `The local Keyless sandbox does not emulate secretsmanager:${action}. It emulates ${Object.keys(SECRETS_ACTIONS).join(', ')}; run against real AWS for the rest.`,
      );
    }
    const iamAction = `secretsmanager:${action}`;
    const result = handler(awsJsonInput(body), {
      attendeeId: session.attendeeId,
      accountId: identity.role.accountId,
      region: host.region,
      store: host.secrets,
      now: host.now,
      authorize: (resource) => {
        resourceId = resource;
        const decision = host.iam.authorize(session, identity, iamAction, resource);
        if (decision === 'allow') return;
        throw new AwsServiceError(
          'AccessDeniedException',
          notAuthorizedMessage({ principal: identity.assumedRoleArn, action: iamAction, resource, decision }, 'reason'),
        );
      },
    });
    await host.evidence.record(session.attendeeId, {
      kind: 'control-plane-call',
      service: 'secretsmanager',
      action,
      outcome: 'success',
      principal: identity.assumedRoleArn,
      ...(result.resourceId ? { resourceId: result.resourceId } : {}),
      ...(sigv4 ? { sigv4 } : {}),
    });
    sendAwsJsonResult(response, result.output, envelope);
  } catch (error) {
    const failure = error instanceof AwsServiceError ? error : internalError(error);
    if (attendeeId) {
      await host.evidence.record(attendeeId, {
        kind: 'control-plane-call',
        service: 'secretsmanager',
        action,
        outcome: 'failure',
        error: failure.code,
        ...(principal ? { principal } : {}),
        ...(resourceId ? { resourceId } : {}),
        ...(sigv4 ? { sigv4 } : {}),
      });
    }
    sendAwsJsonError(response, failure, envelope);
  }
}

function internalError(error: unknown): AwsServiceError {
  console.error('[local-aws] secretsmanager internal error', error);
  return new AwsServiceError('InternalServiceError', 'The local sandbox failed to process the request; see its log.', 500);
}
