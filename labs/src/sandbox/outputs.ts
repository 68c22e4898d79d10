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
  /** `iss` claim of tokens from the pool. */
  readonly cognitoIssuer: string;
  /** JWKS URI of the pool. */
  readonly cognitoJwksUri: string;
  /** Base URL of this attendee's Orders API stage; `GET|POST {ordersApiUrl}/orders`. */
  readonly ordersApiUrl: string;
  /**
   * Service endpoint overrides (local mode only), keyed by the SDK's
   * `AWS_ENDPOINT_URL_<SERVICE>` environment variable name.
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
} as const satisfies Record<Exclude<keyof SandboxOutputs, 'endpointOverrides'>, string>;

/** Turns outputs into the environment lab code runs with. */
export function outputsToEnv(outputs: SandboxOutputs): Record<string, string> {
  const env: Record<string, string> = { AWS_DEFAULT_REGION: outputs.region };
  for (const [key, name] of Object.entries(OUTPUT_ENV_NAMES)) {
    env[name] = outputs[key as keyof typeof OUTPUT_ENV_NAMES];
  }
  return { ...env, ...outputs.endpointOverrides };
}
