/** URLs of an attendee's resources, derived in one place so outputs and handlers agree. */
export const urls = {
  jwks: (baseUrl: string, userPoolId: string): string => `${baseUrl}/${userPoolId}/.well-known/jwks.json`,
  tokenEndpoint: (baseUrl: string, domainPrefix: string): string => `${baseUrl}/domains/${domainPrefix}/oauth2/token`,
  /** Every Orders API front door (Cognito, IAM, API key) is a REST API with stage `prod`. */
  ordersStage: (baseUrl: string, apiId: string): string => `${baseUrl}/restapis/${apiId}/prod`,
  review: (baseUrl: string, apiId: string): string => `${baseUrl}/review/${apiId}`,
  /** STS's endpoint override (`AWS_ENDPOINT_URL_STS`): the SDK keeps the path and posts to `/sts/`. */
  sts: (baseUrl: string): string => `${baseUrl}/sts`,
  /** Secrets Manager's endpoint override (`AWS_ENDPOINT_URL_SECRETS_MANAGER`): AWS JSON 1.1 posts to it. */
  secretsManager: (baseUrl: string): string => `${baseUrl}/secretsmanager`,
  /** The attendee's simulated CI OIDC issuer. */
  ciIssuer: (baseUrl: string, oidcId: string): string => `${baseUrl}/oidc/${oidcId}`,
  /** Where a simulated CI job of that issuer asks for an ID token (GitHub's `ACTIONS_ID_TOKEN_REQUEST_URL` shape, `audience` appended by the client). */
  ciTokenRequest: (issuer: string): string => `${issuer}/token?api-version=2.0`,
  /** The workshop PKI (Keyless's own service) and the CRL URL its certificates carry. */
  pki: (baseUrl: string): string => `${baseUrl}/pki`,
  crl: (baseUrl: string): string => `${baseUrl}/pki/crl`,
  /** IAM Roles Anywhere's endpoint (`https://rolesanywhere.<region>.amazonaws.com` on AWS); CreateSession is `POST <endpoint>/sessions`. */
  rolesAnywhere: (baseUrl: string): string => `${baseUrl}/rolesanywhere`,
};
