import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StsCallEvidence } from '@keyless/labs/sandbox';
import { headerValue } from '../http/io.ts';
import { authenticateSigV4 } from '../iam/index.ts';
import type { SandboxState } from '../state.ts';
import type { StsActionContext, StsAttempt } from './action.ts';
import { fromSigV4Error, StsError } from './errors.ts';
import { STS_ACTIONS } from './index.ts';
import { errorXml, successXml } from './xml.ts';

const VERSION = '2011-06-15';
/** Real STS actions the sandbox does not emulate: a named error, never a fake success. */
const NOT_EMULATED = new Set(['AssumeRoleWithSAML', 'AssumeRoot', 'DecodeAuthorizationMessage', 'GetAccessKeyInfo', 'GetDelegatedAccessToken', 'GetFederationToken', 'GetSessionToken', 'GetWebIdentityToken']);
const EVIDENCED = new Set<string>(['GetCallerIdentity', 'AssumeRole', 'AssumeRoleWithWebIdentity']);

/**
 * STS over the AWS query protocol: `POST /sts/` (the SDK keeps the path of
 * `AWS_ENDPOINT_URL_STS`), `Action=…&Version=2011-06-15` form parameters,
 * XML responses in STS's namespace and awsQuery `ErrorResponse`s. SigV4 is
 * verified for every signed action (service `sts`) before dispatch. moto
 * speaks this protocol but is Python and has no notion of our attendees, so
 * it is hand-written here (see README.md).
 */
export async function handleStsRequest(request: IncomingMessage, response: ServerResponse, body: Buffer, state: SandboxState): Promise<void> {
  const requestId = randomUUID();
  const params = new URLSearchParams((request.url ?? '').split('?')[1] ?? '');
  const contentType = (headerValue(request, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (request.method === 'POST' && contentType === 'application/x-www-form-urlencoded') {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params.append(key, value);
  }
  const action = params.get('Action') ?? '';
  const attempt: StsAttempt = {};
  try {
    const handler = Object.hasOwn(STS_ACTIONS, action) ? STS_ACTIONS[action] : undefined;
    if (!handler || params.get('Version') !== VERSION) {
      if (NOT_EMULATED.has(action)) {
        throw new StsError('UnsupportedOperation', `The local Keyless sandbox does not emulate sts:${action}. It emulates ${Object.keys(STS_ACTIONS).join(', ')}; run against real AWS for the rest.`);
      }
      throw new StsError('InvalidAction', `Could not find operation ${action || '(none)'} for version ${params.get('Version') ?? '(none)'}`);
    }
    const context: StsActionContext = { state, params, attempt, caller: handler.signed ? await authenticate(request, body, state, attempt) : undefined };
    const result = await handler.run(context);
    await record(state, action, attempt, 'success');
    send(response, 200, successXml(action, result, requestId), requestId, state);
  } catch (error) {
    const failure = error instanceof StsError ? error : internalError(error);
    await record(state, action, attempt, 'failure', failure.code);
    send(response, failure.status, errorXml(failure, requestId), requestId, state);
  }
}

async function authenticate(request: IncomingMessage, body: Buffer, state: SandboxState, attempt: StsAttempt): Promise<StsActionContext['caller']> {
  let caller;
  try {
    caller = await authenticateSigV4({ method: request.method ?? 'POST', url: request.url ?? '/', headers: request.headers, body }, { service: 'sts', region: state.region, now: state.now, iam: state.iam });
  } catch (error) {
    throw fromSigV4Error(error);
  }
  attempt.attendeeId = caller.session.attendeeId;
  attempt.principal = caller.identity.assumedRoleArn;
  return caller;
}

async function record(state: SandboxState, action: string, attempt: StsAttempt, outcome: 'success' | 'failure', error?: string): Promise<void> {
  const { attendeeId, ...detail } = attempt;
  if (!attendeeId || !EVIDENCED.has(action)) return;
  await state.evidence.record(attendeeId, {
    kind: 'sts-call',
    action: action as StsCallEvidence['action'],
    outcome,
    ...(error ? { error } : {}),
    ...detail,
  });
}

function send(response: ServerResponse, status: number, xml: string, requestId: string, state: SandboxState): void {
  response.writeHead(status, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(xml),
    'x-amzn-requestid': requestId,
    // The SDK corrects clock skew from Date, so answer on the sandbox clock.
    date: new Date(state.now()).toUTCString(),
  });
  response.end(xml);
}

function internalError(error: unknown): StsError {
  console.error('[local-aws] sts internal error', error);
  return new StsError('InternalFailure', 'The local sandbox failed to process the request; see its log.', 500);
}
