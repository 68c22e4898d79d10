import type { ServerResponse } from 'node:http';
import type { AttendeeRecord } from '../attendees/index.ts';
import { sendJson } from '../http/io.ts';
import type { SandboxState } from '../state.ts';
import { urls } from '../urls.ts';
import { cognitoIssuer } from './issuer.ts';

/** `GET /<userPoolId>/.well-known/jwks.json`: the public keys tokens of the pool are signed with. */
export function sendJwks(response: ServerResponse, pool: AttendeeRecord, state: SandboxState): void {
  sendJson(response, 200, state.keys.forPool(pool.userPoolId).jwks(), { 'cache-control': 'max-age=3600', 'access-control-allow-origin': '*' });
}

/**
 * `GET /<userPoolId>/.well-known/openid-configuration`: OIDC discovery as
 * Cognito publishes it, restricted to what this sandbox serves (no
 * authorize/userInfo endpoints: only the client-credentials grant exists here).
 * `issuer` is Cognito's (what tokens carry); the endpoints are local. A client
 * that fetches discovery from `<issuer>/.well-known/…` would go to AWS, so
 * relying parties are given the JWKS URI instead (see README.md).
 */
export function sendOpenIdConfiguration(response: ServerResponse, pool: AttendeeRecord, state: SandboxState): void {
  const issuer = cognitoIssuer(state.region, pool.userPoolId);
  sendJson(
    response,
    200,
    {
      issuer,
      jwks_uri: urls.jwks(state.baseUrl, pool.userPoolId),
      token_endpoint: urls.tokenEndpoint(state.baseUrl, pool.domainPrefix),
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      scopes_supported: state.cognito.resourceServers(pool.userPoolId).flatMap((server) => server.Scopes.map((scope) => `${server.Identifier}/${scope.ScopeName}`)),
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    },
    { 'access-control-allow-origin': '*' },
  );
}
