/**
 * What the attendee's code is told about its sandbox. Every value reaches lab
 * code as an environment variable, so the same starter runs against the local
 * emulator and against real AWS: against AWS the endpoint overrides are simply
 * absent and the SDK uses its defaults.
 */
export interface SandboxOutputs {
  /** AWS region of the sandbox, e.g. `us-east-1`. */
  readonly region: string;
  /** Cognito user pool id owned by this attendee, e.g. `us-east-1_AbC123xyZ`. */
  readonly cognitoUserPoolId: string;
  /** OAuth2 token endpoint of the user pool domain (`.../oauth2/token`). */
  readonly cognitoTokenUrl: string;
  /** `iss` claim of tokens from the pool: `https://cognito-idp.<region>.amazonaws.com/<userPoolId>` in both modes (an identifier; the JWKS is at `cognitoJwksUri`). */
  readonly cognitoIssuer: string;
  /** JWKS URI of the pool (locally served by the sandbox, not under the issuer). */
  readonly cognitoJwksUri: string;
  /** Base URL of this attendee's Orders API stage; `GET|POST {ordersApiUrl}/orders`. */
  readonly ordersApiUrl: string;
  /**
   * The Orders API's API key (lab 0 teaches why a long-lived key sent on every
   * request is the problem). Sent as `x-api-key`.
   */
  readonly ordersApiKey: string;
  /**
   * Base URL of the Orders API stage that requires that API key
   * (`GET|POST {ordersApiKeyUrl}/orders` with `x-api-key`).
   */
  readonly ordersApiKeyUrl: string;
  /**
   * Base URL of the Orders API stage behind IAM authorization: requests are
   * SigV4-signed for service `execute-api` by a role allowed to invoke it.
   */
  readonly ordersIamUrl: string;
  /** Base URL of the Orders API's mutual-TLS custom domain (its own TLS port locally). */
  readonly ordersMtlsUrl: string;
  /** ARN of the narrowly scoped role attendee code may assume (lab 1). */
  readonly ordersRoleArn: string;
  /**
   * ARN of the role that manages the pool's app clients (lab 3): the instance
   * role may assume it to create a client and store its credentials in
   * `cognitoClientSecretId`; the workload itself (the instance role) can do
   * neither, so a compromised workload cannot mint itself a broader client.
   */
  readonly clientManagerRoleArn: string;
  /**
   * Name of the Secrets Manager secret that holds the lab 3 app client's
   * credentials as JSON (`{"clientId","clientSecret"}`): the client manager
   * role writes it (`PutSecretValue`), the workload reads it (`GetSecretValue`).
   */
  readonly cognitoClientSecretId: string;
  /**
   * What the name of every app client the attendee creates starts with (lab 3
   * names its client `<prefix>orders-worker`). In AWS mode the event's user
   * pool is shared by the room, so this is the attendee's slot and a dash
   * (`a007-`): app clients carry no tags, and the checker only sees, and the
   * Orders API only attributes to the attendee, clients so named. Locally
   * each attendee has a pool of their own and the prefix only keeps the code
   * the same in both modes.
   */
  readonly appClientNamePrefix: string;
  /** Workshop PKI: where to submit a CSR and fetch the CA certificate and CRL (Keyless's own service). */
  readonly pkiUrl: string;
  /** IAM Roles Anywhere: trust anchor (the workshop CA), profile and role ARNs. */
  readonly rolesAnywhereTrustAnchorArn: string;
  readonly rolesAnywhereProfileArn: string;
  readonly rolesAnywhereRoleArn: string;
  /** IAM Roles Anywhere endpoint (`https://rolesanywhere.<region>.amazonaws.com` on AWS). */
  readonly rolesAnywhereEndpoint: string;
  /** OIDC issuer of the simulated CI system, and the role its jobs may assume (stretch lab). */
  readonly ciOidcIssuer: string;
  readonly ciRoleArn: string;
  /**
   * Where a (simulated) CI job asks for its OIDC ID token, and the bearer it
   * presents: GitHub Actions' `ACTIONS_ID_TOKEN_REQUEST_URL`/`_TOKEN`, so
   * `@actions/core`'s `getIDToken('sts.amazonaws.com')` works unchanged.
   */
  readonly ciIdTokenRequestUrl: string;
  readonly ciIdTokenRequestToken: string;
  /**
   * A deliberately weak CI role (OIDC lab): its trust policy checks the token's
   * `aud` but not its `sub`, so a job of any repository or branch of that
   * issuer gets in. It may do nothing but `sts:GetCallerIdentity`.
   */
  readonly ciAudienceOnlyRoleArn: string;
  /** Architecture-review endpoint that records design decisions (`POST {reviewApiUrl}/decisions`). */
  readonly reviewApiUrl: string;
  /**
   * Service endpoint overrides (local mode only), keyed by the SDK's
   * `AWS_ENDPOINT_URL_<SERVICE>` environment variable name (e.g.
   * `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`,
   * `AWS_ENDPOINT_URL_SECRETS_MANAGER`), plus
   * `AWS_EC2_METADATA_SERVICE_ENDPOINT` for the attendee's own IMDS.
   */
  readonly endpointOverrides: Readonly<Record<string, string>>;
}

/** Environment variable names lab code reads; one place so docs and runner agree. */
export const OUTPUT_ENV_NAMES = {
  region: 'AWS_REGION',
  cognitoUserPoolId: 'COGNITO_USER_POOL_ID',
  cognitoTokenUrl: 'COGNITO_TOKEN_URL',
  cognitoIssuer: 'COGNITO_ISSUER',
  cognitoJwksUri: 'COGNITO_JWKS_URI',
  ordersApiUrl: 'ORDERS_API_URL',
  ordersApiKey: 'ORDERS_API_KEY',
  ordersApiKeyUrl: 'ORDERS_API_KEY_URL',
  ordersIamUrl: 'ORDERS_IAM_URL',
  ordersMtlsUrl: 'ORDERS_MTLS_URL',
  ordersRoleArn: 'ORDERS_ROLE_ARN',
  clientManagerRoleArn: 'CLIENT_MANAGER_ROLE_ARN',
  cognitoClientSecretId: 'COGNITO_CLIENT_SECRET_ID',
  appClientNamePrefix: 'APP_CLIENT_NAME_PREFIX',
  pkiUrl: 'KEYLESS_PKI_URL',
  rolesAnywhereTrustAnchorArn: 'ROLES_ANYWHERE_TRUST_ANCHOR_ARN',
  rolesAnywhereProfileArn: 'ROLES_ANYWHERE_PROFILE_ARN',
  rolesAnywhereRoleArn: 'ROLES_ANYWHERE_ROLE_ARN',
  rolesAnywhereEndpoint: 'ROLES_ANYWHERE_ENDPOINT',
  ciOidcIssuer: 'CI_OIDC_ISSUER',
  ciRoleArn: 'CI_ROLE_ARN',
  ciIdTokenRequestUrl: 'ACTIONS_ID_TOKEN_REQUEST_URL',
  ciIdTokenRequestToken: 'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  ciAudienceOnlyRoleArn: 'CI_AUDIENCE_ONLY_ROLE_ARN',
  reviewApiUrl: 'REVIEW_API_URL',
} as const satisfies Record<Exclude<keyof SandboxOutputs, 'endpointOverrides'>, string>;

/** Turns outputs into the environment lab code runs with. */
export function outputsToEnv(outputs: SandboxOutputs): Record<string, string> {
  const env: Record<string, string> = { AWS_DEFAULT_REGION: outputs.region };
  for (const [key, name] of Object.entries(OUTPUT_ENV_NAMES)) {
    env[name] = outputs[key as keyof typeof OUTPUT_ENV_NAMES];
  }
  return { ...env, ...outputs.endpointOverrides };
}
