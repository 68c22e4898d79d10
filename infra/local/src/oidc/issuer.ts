import { constantTimeEqual } from '../crypto/constant-time.ts';
import type { Iam } from '../iam/index.ts';
import type { SigningKeys } from '../keys/signing-keys.ts';
import type { RestResult } from '../protocols/rest-json.ts';
import { urls } from '../urls.ts';
import { jobContext, mintIdToken } from './job-token.ts';

/** What the simulated CI issuers are made of: the attendees' accounts (each has one), their keys, the clock, where they live. */
export interface OidcIssuerServices {
  readonly iam: Pick<Iam, 'accounts'>;
  readonly ciKeys: SigningKeys;
  readonly now: () => number;
  readonly baseUrl: string;
}

/** A request to an issuer: its method, its target (path and query) and its `Authorization` header. */
export interface OidcIssuerRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
}

const CLAIMS = [
  'sub',
  'aud',
  'exp',
  'iat',
  'iss',
  'jti',
  'nbf',
  'ref',
  'sha',
  'repository',
  'repository_owner',
  'actor',
  'workflow',
  'event_name',
  'ref_type',
  'environment',
  'job_workflow_ref',
  'runner_environment',
];

/**
 * The attendee's simulated CI system as an OIDC identity provider, at
 * `/oidc/<id>`: discovery, JWKS, and a token endpoint shaped like GitHub
 * Actions' `ACTIONS_ID_TOKEN_REQUEST_URL` (`GET …&audience=<aud>` with
 * `Authorization: Bearer <ACTIONS_ID_TOKEN_REQUEST_TOKEN>` → `{"value": jwt}`),
 * so `@actions/core`'s `getIDToken()` works unchanged. Query parameters
 * `repository`, `ref`, `environment`, `event_name` and `workflow` pick which
 * job is asking, so a lab can show a feature-branch job being refused.
 */
export async function OidcIssuer(
  request: OidcIssuerRequest,
  oidcId: string,
  resource: string,
  services: OidcIssuerServices,
): Promise<RestResult> {
  const account = services.iam.accounts.byOidcId(oidcId);
  if (!account) return { status: 404, json: { message: `No OIDC issuer ${oidcId} in this sandbox.` } };
  const issuer = urls.ciIssuer(services.baseUrl, oidcId);
  if (request.method !== 'GET') return { status: 405, json: { message: 'Method Not Allowed' }, headers: { allow: 'GET' } };
  if (resource === '/.well-known/openid-configuration') {
    return {
      status: 200,
      json: {
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks`,
        subject_types_supported: ['public', 'pairwise'],
        response_types_supported: ['id_token'],
        claims_supported: CLAIMS,
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid'],
      },
    };
  }
  if (resource === '/.well-known/jwks') return { status: 200, json: services.ciKeys.jwks(), headers: { 'cache-control': 'max-age=300' } };
  if (resource !== '/token') return { status: 404, json: { message: `The OIDC issuer serves nothing at ${resource}.` } };

  const bearer = /^bearer\s+(.+)$/i.exec(request.authorization ?? '')?.[1]?.trim() ?? '';
  // The request token stands for "this is a job of the attendee's CI"; without it anyone could mint the attendee's tokens.
  if (!constantTimeEqual(account.oidcRequestToken, bearer))
    return { status: 401, json: { message: 'Bad credentials: send Authorization: Bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN.' } };
  const query = new URL(request.url, 'http://placeholder').searchParams;
  const job = jobContext(query);
  if (typeof job === 'string') return { status: 400, json: { message: job } };
  const audience = query.get('audience') ?? `https://github.com/${job.repository.split('/')[0] ?? ''}`;
  const value = await mintIdToken({ issuer, audience, job, keys: services.ciKeys, now: services.now() });
  return { status: 200, json: { value }, headers: { 'cache-control': 'no-store' } };
}
