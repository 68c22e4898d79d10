import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http/io.ts';
import type { SandboxState } from '../state.ts';
import { CreateSession } from './CreateSession.ts';
import { RolesAnywhereError, sendRolesAnywhereError } from './errors.ts';

export { RolesAnywhereStore, PROFILE_SETTINGS, type RolesAnywhereResources } from './resources.ts';
export { verifySigV4X509, canonicalRequest, canonicalQuery, stringToSign, type X509SignedRequest } from './sigv4-x509.ts';

/** CreateSession bodies are a few hundred bytes; the certificate travels in headers. */
const MAX_SESSION_BODY = 64 * 1024;

/**
 * `${baseUrl}/rolesanywhere/...` (the `rolesAnywhereEndpoint` output) and,
 * for clients whose endpoint is the bare base URL, `${baseUrl}/sessions`.
 * Only CreateSession is emulated; the control plane (trust anchors,
 * profiles, CRLs) is provisioned by the sandbox, as the per-attendee stack
 * would on AWS, so its operations answer UnsupportedOperationException.
 */
export async function handleRolesAnywhereRequest(request: IncomingMessage, response: ServerResponse, subpath: string, state: SandboxState): Promise<void> {
  if (subpath === '/sessions' && request.method === 'POST') {
    return CreateSession(request, response, await readBody(request, MAX_SESSION_BODY), state);
  }
  const error = new RolesAnywhereError(
    'UnsupportedOperationException',
    `The local sandbox emulates only CreateSession (POST /sessions) of IAM Roles Anywhere, not ${request.method ?? 'GET'} ${subpath}; trust anchors and profiles are provisioned for you (see the sandbox outputs).`,
  );
  sendRolesAnywhereError(response, error, '');
}
