import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticateSigV4, type RoleSession } from '../iam/index.ts';
import { AwsServiceError, type ServiceError } from '../errors/index.ts';
import { sendJson } from '../http/io.ts';
import type { SandboxState } from '../state.ts';

/**
 * The PKI is Keyless's own service, not an AWS one. On AWS it would sit
 * behind API Gateway with IAM authorization, so locally it speaks the same:
 * requests that act for an attendee are SigV4-signed for `execute-api` with
 * the attendee's credentials (whatever the default chain finds: the
 * instance role, a Roles Anywhere session), and errors are API Gateway's
 * `{"message"}` bodies with `x-amzn-ErrorType`. No secret to hand out, none
 * to leak: the instance role proves who is asking, as with ACM PCA.
 */
export async function authenticate(request: IncomingMessage, body: Buffer, state: SandboxState): Promise<RoleSession> {
  try {
    const { session } = await authenticateSigV4({ method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body }, { service: 'execute-api', region: state.region, now: state.now, iam: state.iam });
    return session;
  } catch (error) {
    // API Gateway answers every IAM-authorization failure with 403.
    if (error instanceof AwsServiceError) throw new AwsServiceError(error.code, error.message, 403);
    throw error;
  }
}

export function sendError(response: ServerResponse, error: ServiceError): void {
  sendJson(response, error.status, { message: error.message }, { 'x-amzn-errortype': error.code });
}

export function sendPem(response: ServerResponse, status: number, pem: string): void {
  response.writeHead(status, { 'content-type': 'application/x-pem-file', 'content-length': Buffer.byteLength(pem) }).end(pem);
}

/** Whether the client asked for PEM rather than JSON (`Accept: application/x-pem-file`, e.g. curl users). */
export const wantsPem = (request: IncomingMessage): boolean => /application\/x-pem-file/i.test(request.headers.accept ?? '');
