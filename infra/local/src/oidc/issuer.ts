import type { IncomingMessage, ServerResponse } from 'node:http';
import { constantTimeEqual } from '../crypto/constant-time.ts';
import { headerValue, sendJson } from '../http/io.ts';
import type { SandboxState } from '../state.ts';
import { urls } from '../urls.ts';
import { jobContext, mintIdToken } from './job-token.ts';

const CLAIMS = ['sub', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'ref', 'sha', 'repository', 'repository_owner', 'actor', 'workflow', 'event_name', 'ref_type', 'environment', 'job_workflow_ref', 'runner_environment'];

/**
 * The attendee's simulated CI system as an OIDC identity provider, at
 * `/oidc/<id>`: discovery, JWKS, and a token endpoint shaped like GitHub
 * Actions' `ACTIONS_ID_TOKEN_REQUEST_URL` (`GET …&audience=<aud>` with
 * `Authorization: Bearer <ACTIONS_ID_TOKEN_REQUEST_TOKEN>` → `{"value": jwt}`),
 * so `@actions/core`'s `getIDToken()` works unchanged. Query parameters
 * `repository`, `ref`, `environment`, `event_name` and `workflow` pick which
 * job is asking, so a lab can show a feature-branch job being refused.
 */
export async function handleOidcRequest(request: IncomingMessage, response: ServerResponse, oidcId: string, resource: string, state: SandboxState): Promise<void> {
  const account = state.iam.accounts.byOidcId(oidcId);
  if (!account) { sendJson(response, 404, { message: `No OIDC issuer ${oidcId} in this sandbox.` }); return; }
  const issuer = urls.ciIssuer(state.baseUrl, oidcId);
  const method = request.method ?? 'GET';
  if (method !== 'GET') { sendJson(response, 405, { message: 'Method Not Allowed' }, { allow: 'GET' }); return; }
  if (resource === '/.well-known/openid-configuration') {
    sendJson(response, 200, {
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks`,
      subject_types_supported: ['public', 'pairwise'],
      response_types_supported: ['id_token'],
      claims_supported: CLAIMS,
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid'],
    }); return;
  }
  if (resource === '/.well-known/jwks') { sendJson(response, 200, state.ciKeys.jwks(), { 'cache-control': 'max-age=300' }); return; }
  if (resource !== '/token') { sendJson(response, 404, { message: `The OIDC issuer serves nothing at ${resource}.` }); return; }

  const bearer = /^bearer\s+(.+)$/i.exec(headerValue(request, 'authorization') ?? '')?.[1]?.trim() ?? '';
  // The request token stands for "this is a job of the attendee's CI"; without it anyone could mint the attendee's tokens.
  if (!constantTimeEqual(account.oidcRequestToken, bearer)) { sendJson(response, 401, { message: 'Bad credentials: send Authorization: Bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN.' }); return; }
  const query = new URL(request.url ?? '/', 'http://placeholder').searchParams;
  const job = jobContext(query);
  if (typeof job === 'string') { sendJson(response, 400, { message: job }); return; }
  const audience = query.get('audience') ?? `https://github.com/${job.repository.split('/')[0] ?? ''}`;
  const value = await mintIdToken({ issuer, audience, job, keys: state.ciKeys, now: state.now() });
  sendJson(response, 200, { value }, { 'cache-control': 'no-store' });
}
