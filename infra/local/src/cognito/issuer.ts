/**
 * The `iss` of a user pool's tokens, in Cognito's own form
 * (`https://cognito-idp.<region>.amazonaws.com/<userPoolId>`) also locally:
 * the issuer is an identifier, not a location, so verifiers that derive it
 * from the pool id (aws-jwt-verify's `CognitoJwtVerifier`) accept local
 * tokens unchanged. The JWKS is still served locally (`urls.jwks`); a
 * verifier is handed it, as a real service can be (`verifier.cacheJwks`).
 */
export function cognitoIssuer(region: string, userPoolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}
