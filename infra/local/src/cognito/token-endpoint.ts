import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AttendeeRecord } from '../attendees/index.ts';
import { headerValue, readBody } from '../http/io.ts';
import { oauthForm, sendOAuthError, sendOAuthMethodNotAllowed, sendOAuthPreflight, sendOAuthResult } from '../protocols/oauth-form.ts';
import { IssueToken, OAuthError, type TokenServices } from './oauth2-token.ts';

/** The user pool domain's token endpoint (`/domains/<prefix>/oauth2/token`) for the pool of `owner`: a preflight, a token request, or 405. */
export async function handleTokenEndpoint(
  request: IncomingMessage,
  response: ServerResponse,
  owner: AttendeeRecord,
  services: TokenServices,
): Promise<void> {
  if (request.method === 'OPTIONS') {
    sendOAuthPreflight(response);
    return;
  }
  if (request.method !== 'POST') {
    sendOAuthMethodNotAllowed(response);
    return;
  }
  const body = await readBody(request);
  try {
    sendOAuthResult(
      response,
      await IssueToken({ authorization: headerValue(request, 'authorization'), form: oauthForm(request, body) }, owner, services),
    );
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    sendOAuthError(response, error);
  }
}
