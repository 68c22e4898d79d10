import type { AttendeeRecord } from '../attendees/index.ts';
import type { UserPoolKeys } from '../keys/user-pool-keys.ts';
import type { RestResult } from '../protocols/rest-json.ts';
import { urls } from '../urls.ts';
import type { CognitoStore } from './client-store.ts';
import { cognitoIssuer } from './issuer.ts';

/** What a pool's published documents are made of. */
export interface WellKnownServices {
  readonly keys: Pick<UserPoolKeys, 'forPool'>;
  readonly region: string;
  readonly baseUrl: string;
  readonly cognito: Pick<CognitoStore, 'resourceServers'>;
}

type Pool = Pick<AttendeeRecord, 'userPoolId' | 'domainPrefix'>;

/** `GET /<userPoolId>/.well-known/jwks.json`: the public keys tokens of the pool are signed with. */
export function GetJwks(pool: Pool, { keys }: Pick<WellKnownServices, 'keys'>): RestResult {
  return {
    status: 200,
    json: keys.forPool(pool.userPoolId).jwks(),
    headers: { 'cache-control': 'max-age=3600', 'access-control-allow-origin': '*' },
  };
}

/**
 * `GET /<userPoolId>/.well-known/openid-configuration`: OIDC discovery as
 * Cognito publishes it, restricted to what this sandbox serves (no
 * authorize/userInfo endpoints: only the client-credentials grant exists here).
 * `issuer` is Cognito's (what tokens carry); the endpoints are local. A client
 * that fetches discovery from `<issuer>/.well-known/…` would go to AWS, so
 * relying parties are given the JWKS URI instead (see README.md).
 */
export function GetOpenIdConfiguration(pool: Pool, { region, baseUrl, cognito }: WellKnownServices): RestResult {
  const issuer = cognitoIssuer(region, pool.userPoolId);
  return {
    status: 200,
    json: {
      issuer,
      jwks_uri: urls.jwks(baseUrl, pool.userPoolId),
      token_endpoint: urls.tokenEndpoint(baseUrl, pool.domainPrefix),
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      scopes_supported: cognito
        .resourceServers(pool.userPoolId)
        .flatMap((server) => server.Scopes.map((scope) => `${server.Identifier}/${scope.ScopeName}`)),
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    },
    headers: { 'access-control-allow-origin': '*' },
  };
}
