import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SigV4Evidence } from '@keyless/labs/sandbox';
import { AwsServiceError } from '../errors/index.ts';
import type { EvidenceStore } from '../evidence/evidence-store.ts';
import { headerValue } from '../http/io.ts';
import { authenticateSigV4, notAuthorizedMessage, type Iam } from '../iam/index.ts';
import { SignatureMismatchError, sigV4Evidence } from '../sigv4/index.ts';
import { awsJsonInput, sendAwsJsonError, sendAwsJsonResult } from './aws-json.ts';

/** What an AWS JSON action returns: its output document and, for evidence, what it created or touched. */
export interface AwsJsonActionResult {
  readonly output: Record<string, unknown>;
  readonly resourceId?: string;
}

export type AwsJsonAction<Context> = (input: unknown, context: Context) => AwsJsonActionResult;

/** What the host knows of a verified call, from which a service builds its actions' context. */
export interface AwsJsonCall<Caller> {
  readonly action: string;
  readonly caller: Caller;
  /** The signer's account. */
  readonly accountId: string;
  readonly region: string;
  readonly now: () => number;
  /** IAM authorization of the signer's role session for `<service>:<action>` on a resource ARN; throws AccessDeniedException unless allowed. */
  readonly authorize: (resourceArn: string) => void;
}

/** What differs between two AWS JSON 1.1 services; everything else about serving them is `serveAwsJson`'s. */
export interface AwsJsonService<Caller extends { readonly attendeeId: string }, Context> {
  /** The service's name in the SigV4 credential scope, in IAM actions and in evidence: `cognito-idp`, `secretsmanager`. */
  readonly service: string;
  /** `X-Amz-Target` is this prefix and the action's name. */
  readonly targetPrefix: string;
  /** The actions the sandbox emulates, by name; any other is a named UnsupportedOperationException. */
  readonly actions: Readonly<Record<string, AwsJsonAction<Context>>>;
  /** The service's own name for its 500 (Cognito's `InternalErrorException`, Secrets Manager's `InternalServiceError`). */
  readonly internalErrorCode: string;
  /** Who the attendee behind a verified key is, to the service; none is UnrecognizedClientException. */
  caller(attendeeId: string): Caller | undefined;
  context(call: AwsJsonCall<Caller>): Context;
  /** Whether the request's calls are its attendee's evidence (the sandbox's own checker reads are not). */
  recordsEvidence(request: IncomingMessage): boolean;
  /** Whether a failed call's evidence names the resource IAM was last asked about. */
  readonly failureEvidenceNamesResource: boolean;
}

/** What serving any AWS JSON service needs from the sandbox. */
export interface AwsJsonHost {
  readonly region: string;
  readonly now: () => number;
  readonly iam: Iam;
  readonly evidence: Pick<EvidenceStore, 'record'>;
}

/**
 * One AWS JSON 1.1 request, as AWS serves it: the `X-Amz-Target` names the
 * action, the SigV4 signature is verified before anything is routed (scope
 * service `service.service`), the signer's access key names the attendee and
 * the action runs on their behalf, authorizing `<service>:<action>` on the
 * resources it touches. Every call is `control-plane-call` evidence of the
 * caller's attendee (also a signature that did not match: its key owner's
 * Wire view shows what the sandbox signed). Hand-written because no
 * maintained library serves awsJson (see ../cognito/README.md).
 */
export async function serveAwsJson<Caller extends { readonly attendeeId: string }, Context>(
  request: IncomingMessage,
  response: ServerResponse,
  body: Buffer,
  host: AwsJsonHost,
  service: AwsJsonService<Caller, Context>,
): Promise<void> {
  const { targetPrefix, actions } = service;
  const target = headerValue(request, 'x-amz-target') ?? '';
  const action = target.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : '';
  // The SDK reads the Date header to correct clock skew, so answering on the
  // sandbox clock keeps signing working when tests move that clock.
  const envelope = { requestId: randomUUID(), date: host.now() };
  const recorded = service.recordsEvidence(request);
  let caller: Caller | undefined;
  let sigv4: SigV4Evidence | undefined;
  let principal: string | undefined;
  let resourceId: string | undefined;
  try {
    if (!action) throw new AwsServiceError('UnknownOperationException', `Unknown operation: X-Amz-Target must be ${targetPrefix}<Action>.`);
    const { session, identity } = await authenticateSigV4(
      { method: request.method ?? 'POST', url: request.url ?? '/', headers: request.headers, body },
      { service: service.service, region: host.region, now: host.now, iam: host.iam },
    ).catch((error: unknown) => {
      sigv4 = sigV4Evidence(request.headers, error);
      if (error instanceof SignatureMismatchError) {
        const owner = host.iam.lookup(error.accessKeyId)?.attendeeId;
        caller = owner === undefined ? undefined : service.caller(owner);
      }
      throw error;
    });
    sigv4 = sigV4Evidence(request.headers);
    principal = identity.assumedRoleArn;
    caller = service.caller(session.attendeeId);
    if (!caller) throw new AwsServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.');
    const handler = Object.hasOwn(actions, action) ? actions[action] : undefined;
    if (!handler) {
      throw new AwsServiceError(
        'UnsupportedOperationException',
        `The local Keyless sandbox does not emulate ${service.service}:${action}. It emulates ${Object.keys(actions).join(', ')}; run against real AWS for the rest.`,
      );
    }
    const iamAction = `${service.service}:${action}`;
    const context = service.context({
      action,
      caller,
      accountId: identity.role.accountId,
      region: host.region,
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
    const result = handler(awsJsonInput(body), context);
    if (recorded) {
      await host.evidence.record(caller.attendeeId, {
        kind: 'control-plane-call',
        service: service.service,
        action,
        outcome: 'success',
        principal: identity.assumedRoleArn,
        ...(result.resourceId ? { resourceId: result.resourceId } : {}),
        ...(sigv4 ? { sigv4 } : {}),
      });
    }
    sendAwsJsonResult(response, result.output, envelope);
  } catch (error) {
    const failure = error instanceof AwsServiceError ? error : internalError(error, service);
    if (caller && recorded) {
      await host.evidence.record(caller.attendeeId, {
        kind: 'control-plane-call',
        service: service.service,
        action,
        outcome: 'failure',
        error: failure.code,
        ...(principal ? { principal } : {}),
        ...(resourceId && service.failureEvidenceNamesResource ? { resourceId } : {}),
        ...(sigv4 ? { sigv4 } : {}),
      });
    }
    sendAwsJsonError(response, failure, envelope);
  }
}

function internalError(error: unknown, service: { readonly service: string; readonly internalErrorCode: string }): AwsServiceError {
  console.error(`[local-aws] ${service.service} internal error`, error);
  return new AwsServiceError(service.internalErrorCode, 'The local sandbox failed to process the request; see its log.', 500);
}
