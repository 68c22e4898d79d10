import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ControlPlane, UserPoolClientDescription } from '@keyless/labs/sandbox';
import type { LocalAws } from '../local-aws.ts';
import { CHECKER_USER_AGENT } from '../evidence/checker.ts';

const UNIT_SECONDS = { seconds: 1, minutes: 60, hours: 3600, days: 86400 } as const;

/**
 * The checker's read-only view of an attendee's pool, made with the real
 * SDK client against the emulator, signed with the attendee's client manager
 * role (the instance role may not read app clients, whose descriptions carry
 * their secrets): the same code path and SigV4 verification attendee code uses.
 */
export function localControlPlane(aws: LocalAws, attendeeId: string): ControlPlane {
  const client = new CognitoIdentityProviderClient({
    region: aws.region,
    endpoint: aws.baseUrl,
    // A provider, not a value: the SDK asks again as the credentials near expiry.
    credentials: async () => {
      const current = await aws.clientManagerCredentials(attendeeId);
      return { ...current, expiration: new Date(current.expiresAt) };
    },
    customUserAgent: CHECKER_USER_AGENT,
    maxAttempts: 2,
  });
  const poolId = async (): Promise<string> => (await aws.provision(attendeeId)).userPoolId;
  const describe = async (clientId: string): Promise<UserPoolClientDescription | undefined> => {
    try {
      const { UserPoolClient } = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: await poolId(), ClientId: clientId }));
      return UserPoolClient ? toDescription(UserPoolClient) : undefined;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  };
  return {
    async listUserPoolClients() {
      const userPoolId = await poolId();
      const ids: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60, NextToken: nextToken }));
        for (const entry of page.UserPoolClients ?? []) if (entry.ClientId) ids.push(entry.ClientId);
        nextToken = page.NextToken;
      } while (nextToken);
      const described = await Promise.all(ids.map(describe));
      return described.filter((entry): entry is UserPoolClientDescription => entry !== undefined);
    },
    describeUserPoolClient: describe,
  };
}

/** The fields of an app client a description is made of, as the SDK returns them and as the emulator stores them. */
export interface AppClientFields {
  readonly ClientId?: string | undefined;
  readonly ClientName?: string | undefined;
  readonly ClientSecret?: string | undefined;
  readonly AllowedOAuthFlows?: readonly string[] | undefined;
  readonly AllowedOAuthScopes?: readonly string[] | undefined;
  readonly AllowedOAuthFlowsUserPoolClient?: boolean | undefined;
  readonly AccessTokenValidity?: number | undefined;
  readonly TokenValidityUnits?: { readonly AccessToken?: string | undefined } | undefined;
}

/** What the checker reads of an app client. */
export function toDescription(client: AppClientFields): UserPoolClientDescription {
  const unit = (client.TokenValidityUnits?.AccessToken ??
    (client.AccessTokenValidity === undefined ? 'minutes' : 'hours')) as keyof typeof UNIT_SECONDS;
  return {
    clientId: client.ClientId ?? '',
    clientName: client.ClientName ?? '',
    hasSecret: Boolean(client.ClientSecret),
    allowedOAuthFlows: client.AllowedOAuthFlows ?? [],
    allowedOAuthScopes: client.AllowedOAuthScopes ?? [],
    allowedOAuthFlowsUserPoolClient: client.AllowedOAuthFlowsUserPoolClient ?? false,
    accessTokenValiditySeconds: (client.AccessTokenValidity ?? 60) * UNIT_SECONDS[unit],
  };
}
