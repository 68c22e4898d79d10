import { z } from 'zod';
import { invalidOAuthFlow, invalidParameter, scopeDoesNotExist, validationErrors } from './errors.ts';

/**
 * UserPoolClientType as Cognito returns it (the fields this sandbox keeps).
 * Dates are epoch seconds, which is how awsJson serialises timestamps.
 */
export interface UserPoolClient {
  UserPoolId: string;
  ClientName: string;
  ClientId: string;
  ClientSecret?: string;
  LastModifiedDate: number;
  CreationDate: number;
  RefreshTokenValidity: number;
  AccessTokenValidity: number;
  IdTokenValidity: number;
  TokenValidityUnits: { AccessToken: TimeUnit; IdToken: TimeUnit; RefreshToken: TimeUnit };
  ReadAttributes?: string[];
  WriteAttributes?: string[];
  ExplicitAuthFlows?: string[];
  SupportedIdentityProviders?: string[];
  CallbackURLs?: string[];
  LogoutURLs?: string[];
  DefaultRedirectURI?: string;
  AllowedOAuthFlows?: string[];
  AllowedOAuthScopes?: string[];
  AllowedOAuthFlowsUserPoolClient: boolean;
  PreventUserExistenceErrors: string;
  EnableTokenRevocation: boolean;
  EnablePropagateAdditionalUserContextData: boolean;
  AuthSessionValidity: number;
}

const TIME_UNIT = z.enum(['seconds', 'minutes', 'hours', 'days']);
type TimeUnit = z.infer<typeof TIME_UNIT>;
const UNIT_SECONDS: Record<TimeUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

const strings = z.array(z.string());

/** The settings CreateUserPoolClient and UpdateUserPoolClient share. Unknown members are ignored, as the service does. */
export const clientSettingsShape = {
  UserPoolId: z.string().optional(),
  ClientName: z.string().optional(),
  RefreshTokenValidity: z.number().int().optional(),
  AccessTokenValidity: z.number().int().optional(),
  IdTokenValidity: z.number().int().optional(),
  TokenValidityUnits: z
    .object({ AccessToken: TIME_UNIT.optional(), IdToken: TIME_UNIT.optional(), RefreshToken: TIME_UNIT.optional() })
    .optional(),
  ReadAttributes: strings.optional(),
  WriteAttributes: strings.optional(),
  ExplicitAuthFlows: strings.optional(),
  SupportedIdentityProviders: strings.optional(),
  CallbackURLs: strings.optional(),
  LogoutURLs: strings.optional(),
  DefaultRedirectURI: z.string().optional(),
  AllowedOAuthFlows: strings.optional(),
  AllowedOAuthScopes: strings.optional(),
  AllowedOAuthFlowsUserPoolClient: z.boolean().optional(),
  PreventUserExistenceErrors: z.enum(['LEGACY', 'ENABLED']).optional(),
  EnableTokenRevocation: z.boolean().optional(),
  EnablePropagateAdditionalUserContextData: z.boolean().optional(),
  AuthSessionValidity: z.number().int().optional(),
};
export type ClientSettings = z.infer<z.ZodObject<typeof clientSettingsShape>>;

const OAUTH_FLOWS = new Set(['code', 'implicit', 'client_credentials']);
const CLIENT_NAME = /^[\w\s+=,.@-]+$/;
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
/** Standard OIDC/Cognito scopes, valid without a resource server. */
const STANDARD_SCOPES = new Set(['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin']);

/** Resource servers of the pool: identifier → scope names. */
export type ScopeCatalogue = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Validates Create/UpdateUserPoolClient settings the way Cognito does and
 * returns the client with every omitted setting at its default (Update
 * replaces the whole configuration, so it uses the same path).
 */
export function buildClient(
  settings: ClientSettings,
  base: { ClientId: string; ClientSecret?: string; CreationDate: number; LastModifiedDate: number },
  scopes: ScopeCatalogue,
): UserPoolClient {
  const problems: { path: string; value: unknown; constraint: string }[] = [];
  const name = settings.ClientName;
  if (name === undefined) problems.push({ path: 'clientName', value: undefined, constraint: 'Member must not be null' });
  else if (name.length < 1 || name.length > 128)
    problems.push({ path: 'clientName', value: name, constraint: 'Member must have length between 1 and 128' });
  else if (!CLIENT_NAME.test(name))
    problems.push({
      path: 'clientName',
      value: name,
      constraint: `Member must satisfy regular expression pattern: ${CLIENT_NAME.source.slice(1, -1)}`,
    });
  const flows = settings.AllowedOAuthFlows ?? [];
  for (const flow of flows) {
    if (!OAUTH_FLOWS.has(flow))
      problems.push({
        path: 'allowedOAuthFlows',
        value: `[${flows.join(', ')}]`,
        constraint: 'Member must satisfy constraint: [Member must satisfy enum value set: [implicit, client_credentials, code]]',
      });
  }
  const requestedScopes = settings.AllowedOAuthScopes ?? [];
  if (requestedScopes.length > 50)
    problems.push({
      path: 'allowedOAuthScopes',
      value: `[${requestedScopes.join(', ')}]`,
      constraint: 'Member must have length less than or equal to 50',
    });
  for (const scope of requestedScopes) {
    if (!SCOPE.test(scope) || scope.length > 256)
      problems.push({
        path: 'allowedOAuthScopes',
        value: `[${requestedScopes.join(', ')}]`,
        constraint: `Member must satisfy constraint: [Member must satisfy regular expression pattern: ${SCOPE.source.slice(1, -1)}]`,
      });
  }
  if (problems.length > 0) throw validationErrors(problems);

  if (flows.includes('client_credentials')) {
    if (flows.includes('code') || flows.includes('implicit')) {
      throw invalidOAuthFlow('client_credentials flow can not be selected along with code flow or implicit flow.');
    }
    if (!base.ClientSecret) throw invalidOAuthFlow('client_credentials flow can not be selected if client does not have a client secret.');
  }
  for (const scope of requestedScopes) {
    if (STANDARD_SCOPES.has(scope)) continue;
    const slash = scope.lastIndexOf('/');
    const known = slash > 0 && scopes.get(scope.slice(0, slash))?.has(scope.slice(slash + 1));
    if (!known) throw scopeDoesNotExist(`Invalid scope requested: ${scope}`);
  }

  const units = {
    AccessToken: settings.TokenValidityUnits?.AccessToken ?? (settings.AccessTokenValidity === undefined ? 'minutes' : 'hours'),
    IdToken: settings.TokenValidityUnits?.IdToken ?? (settings.IdTokenValidity === undefined ? 'minutes' : 'hours'),
    RefreshToken: settings.TokenValidityUnits?.RefreshToken ?? 'days',
  } satisfies UserPoolClient['TokenValidityUnits'];
  const access = settings.AccessTokenValidity ?? 60;
  const id = settings.IdTokenValidity ?? 60;
  const refresh = settings.RefreshTokenValidity ?? 30;
  checkRange('AccessTokenValidity', access * UNIT_SECONDS[units.AccessToken], 300, 86400);
  checkRange('IdTokenValidity', id * UNIT_SECONDS[units.IdToken], 300, 86400);
  checkRange('RefreshTokenValidity', refresh * UNIT_SECONDS[units.RefreshToken], 3600, 315360000);
  const authSession = settings.AuthSessionValidity ?? 3;
  if (authSession < 3 || authSession > 15) throw invalidParameter('AuthSessionValidity must be between 3 and 15 minutes.');

  return dropEmpty({
    UserPoolId: settings.UserPoolId ?? '',
    ClientName: name ?? '',
    ClientId: base.ClientId,
    ...(base.ClientSecret ? { ClientSecret: base.ClientSecret } : {}),
    LastModifiedDate: base.LastModifiedDate,
    CreationDate: base.CreationDate,
    RefreshTokenValidity: refresh,
    AccessTokenValidity: access,
    IdTokenValidity: id,
    TokenValidityUnits: units,
    ReadAttributes: settings.ReadAttributes,
    WriteAttributes: settings.WriteAttributes,
    ExplicitAuthFlows: settings.ExplicitAuthFlows,
    SupportedIdentityProviders: settings.SupportedIdentityProviders,
    CallbackURLs: settings.CallbackURLs,
    LogoutURLs: settings.LogoutURLs,
    DefaultRedirectURI: settings.DefaultRedirectURI,
    AllowedOAuthFlows: flows,
    AllowedOAuthScopes: requestedScopes,
    AllowedOAuthFlowsUserPoolClient: settings.AllowedOAuthFlowsUserPoolClient ?? false,
    PreventUserExistenceErrors: settings.PreventUserExistenceErrors ?? 'ENABLED',
    EnableTokenRevocation: settings.EnableTokenRevocation ?? true,
    EnablePropagateAdditionalUserContextData: settings.EnablePropagateAdditionalUserContextData ?? false,
    AuthSessionValidity: authSession,
  });
}

/** Access-token lifetime of a client, in seconds. */
export function accessTokenSeconds(client: Pick<UserPoolClient, 'AccessTokenValidity' | 'TokenValidityUnits'>): number {
  return client.AccessTokenValidity * UNIT_SECONDS[client.TokenValidityUnits.AccessToken];
}

function checkRange(member: string, seconds: number, min: number, max: number): void {
  if (seconds < min || seconds > max) {
    throw invalidParameter(`Invalid range for token validity: ${member} must be between ${min} and ${max} seconds, got ${seconds}.`);
  }
}

/** Cognito leaves unset lists out of the response rather than sending `[]`. */
function dropEmpty(
  client: Omit<UserPoolClient, 'AllowedOAuthFlows' | 'AllowedOAuthScopes'> & { AllowedOAuthFlows: string[]; AllowedOAuthScopes: string[] },
): UserPoolClient {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(client)) {
    // Members a request left out are present with undefined, whatever the SDK's type says.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out as unknown as UserPoolClient;
}
