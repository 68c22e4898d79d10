import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http/io.ts';
import { sendRestError, sendRestResult } from '../protocols/rest-json.ts';
import { CreateSession } from './CreateSession.ts';
import { RolesAnywhereError } from './errors.ts';
import type { RolesAnywhereServices } from './services.ts';

/** CreateSession bodies are a few hundred bytes; the certificate travels in headers. */
const MAX_SESSION_BODY = 64 * 1024;

/**
 * `${baseUrl}/rolesanywhere/...` (the `rolesAnywhereEndpoint` output) and,
 * for clients whose endpoint is the bare base URL, `${baseUrl}/sessions`.
 * Only CreateSession is emulated; the control plane (trust anchors,
 * profiles, CRLs) is provisioned by the sandbox, as the per-attendee stack
 * would on AWS, so its operations answer UnsupportedOperationException.
 */
export async function handleRolesAnywhereRequest(
  request: IncomingMessage,
  response: ServerResponse,
  subpath: string,
  services: RolesAnywhereServices,
): Promise<void> {
  if (subpath !== '/sessions' || request.method !== 'POST') {
    const error = new RolesAnywhereError(
      'UnsupportedOperationException',
      `The local sandbox emulates only CreateSession (POST /sessions) of IAM Roles Anywhere, not ${request.method ?? 'GET'} ${subpath}; trust anchors and profiles are provisioned for you (see the sandbox outputs).`,
    );
    sendRestError(response, error, { 'x-amzn-requestid': '' });
    return;
  }
  const requestId = randomUUID();
  const body = await readBody(request, MAX_SESSION_BODY);
  const [path = '/', query = ''] = (request.url ?? '/').split('?');
  try {
    const result = await CreateSession({ method: request.method, path, query, headers: request.headersDistinct, body }, services);
    sendRestResult(response, { ...result, headers: { ...result.headers, 'x-amzn-requestid': requestId } });
  } catch (error) {
    if (!(error instanceof RolesAnywhereError)) throw error;
    sendRestError(response, error, { 'x-amzn-requestid': requestId });
  }
}
