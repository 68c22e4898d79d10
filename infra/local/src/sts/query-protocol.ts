import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StsCallEvidence } from '@keyless/labs/sandbox';
import type { EvidenceStore } from '../evidence/evidence-store.ts';
import { authenticateSigV4, type AuthenticatedCaller } from '../iam/index.ts';
import { SignatureMismatchError, sigV4Evidence } from '../sigv4/index.ts';
import { queryParameters, sendQueryError, sendQueryResult, type QueryEnvelope } from '../protocols/aws-query.ts';
import type { StsAttempt, StsServices } from './action.ts';
import { STS_ACTIONS } from './actions.ts';
import { fromSigV4Error, StsError } from './errors.ts';

const VERSION = '2011-06-15';
const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
/** Real STS actions the sandbox does not emulate: a named error, never a fake success. */
const NOT_EMULATED = new Set([
  'AssumeRoleWithSAML',
  'AssumeRoot',
  'DecodeAuthorizationMessage',
  'GetAccessKeyInfo',
  'GetDelegatedAccessToken',
  'GetFederationToken',
  'GetSessionToken',
  'GetWebIdentityToken',
]);
const EVIDENCED = new Set<string>(['GetCallerIdentity', 'AssumeRole', 'AssumeRoleWithWebIdentity']);

/** What serving STS needs: what its actions use, the region credentials are scoped to, and where evidence goes. */
export interface StsHost extends StsServices {
  readonly region: string;
  readonly evidence: Pick<EvidenceStore, 'record'>;
}

/**
 * STS over the AWS query protocol: `POST /sts/` (the SDK keeps the path of
 * `AWS_ENDPOINT_URL_STS`), `Action=…&Version=2011-06-15` form parameters,
 * XML responses in STS's namespace and awsQuery `ErrorResponse`s. SigV4 is
 * verified for every signed action (service `sts`) before dispatch. moto
 * speaks this protocol but is Python and has no notion of our attendees, so
 * it is hand-written here (see README.md).
 */
export async function handleStsRequest(request: IncomingMessage, response: ServerResponse, body: Buffer, host: StsHost): Promise<void> {
  const requestId = randomUUID();
  // Dated when sent: the SDK corrects its clock skew from it.
  const envelope = (): QueryEnvelope => ({ namespace: NAMESPACE, requestId, date: host.now() });
  const params = queryParameters(request, body);
  const action = params.get('Action') ?? '';
  const attempt: StsAttempt = {};
  try {
    const handler = Object.hasOwn(STS_ACTIONS, action) ? STS_ACTIONS[action] : undefined;
    if (!handler || params.get('Version') !== VERSION) {
      if (NOT_EMULATED.has(action)) {
        throw new StsError(
          'UnsupportedOperation',
          `The local Keyless sandbox does not emulate sts:${action}. It emulates ${Object.keys(STS_ACTIONS).join(', ')}; run against real AWS for the rest.`,
        );
      }
      throw new StsError(
        'InvalidAction',
        `Could not find operation ${action || '(none)'} for version ${params.get('Version') ?? '(none)'}`,
      );
    }
    const caller = handler.signed ? await authenticate(request, body, host, attempt) : undefined;
    const result = await handler.run({ params, attempt, caller }, host);
    await record(host, action, attempt, 'success');
    sendQueryResult(response, action, result, envelope());
  } catch (error) {
    const failure = error instanceof StsError ? error : internalError(error);
    await record(host, action, attempt, 'failure', failure.code);
    sendQueryError(response, failure, envelope());
  }
}

async function authenticate(request: IncomingMessage, body: Buffer, host: StsHost, attempt: StsAttempt): Promise<AuthenticatedCaller> {
  let caller;
  try {
    caller = await authenticateSigV4(
      { method: request.method ?? 'POST', url: request.url ?? '/', headers: request.headers, body },
      { service: 'sts', region: host.region, now: host.now, iam: host.iam },
    );
  } catch (error) {
    // A signature that did not match is still the key owner's attempt: their Wire view shows what the sandbox signed.
    attempt.sigv4 = sigV4Evidence(request.headers, error);
    if (error instanceof SignatureMismatchError) attempt.attendeeId = host.iam.lookup(error.accessKeyId)?.attendeeId;
    throw fromSigV4Error(error);
  }
  attempt.sigv4 = sigV4Evidence(request.headers);
  attempt.attendeeId = caller.session.attendeeId;
  attempt.principal = caller.identity.assumedRoleArn;
  return caller;
}

async function record(host: StsHost, action: string, attempt: StsAttempt, outcome: 'success' | 'failure', error?: string): Promise<void> {
  const { attendeeId, ...detail } = attempt;
  if (!attendeeId || !EVIDENCED.has(action)) return;
  await host.evidence.record(attendeeId, {
    kind: 'sts-call',
    action: action as StsCallEvidence['action'],
    outcome,
    ...(error ? { error } : {}),
    ...detail,
  });
}

function internalError(error: unknown): StsError {
  console.error('[local-aws] sts internal error', error);
  return new StsError('InternalFailure', 'The local sandbox failed to process the request; see its log.', 500);
}
