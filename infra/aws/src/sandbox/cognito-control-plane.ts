import {
  DescribeUserPoolClientCommand,
  paginateListUserPoolClients,
  type CognitoIdentityProviderClient,
  type UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ControlPlane, UserPoolClientDescription } from '@keyless/labs/sandbox';
import { attendeeClientNamePrefix } from '../contract/cognito-clients.ts';

/**
 * The checker's describe calls against the event's shared user pool, made
 * with the real Cognito client and narrowed to this attendee's clients (named
 * `<slot>-…`): another attendee's client is "not found", never shown.
 */
export function createCognitoControlPlane(options: {
  cognito: CognitoIdentityProviderClient;
  userPoolId: string;
  slot: string;
}): ControlPlane {
  const prefix = attendeeClientNamePrefix(options.slot);
  const describe = async (clientId: string): Promise<UserPoolClientDescription | undefined> => {
    try {
      const answer = await options.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: options.userPoolId, ClientId: clientId }));
      const client = answer.UserPoolClient;
      return client && (client.ClientName ?? '').startsWith(prefix) ? toDescription(client) : undefined;
    } catch (error) {
      if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
      throw error;
    }
  };
  return {
    async listUserPoolClients() {
      const ids: string[] = [];
      for await (const page of paginateListUserPoolClients(
        { client: options.cognito },
        { UserPoolId: options.userPoolId, MaxResults: 60 },
      )) {
        for (const client of page.UserPoolClients ?? [])
          if (client.ClientId !== undefined && (client.ClientName ?? '').startsWith(prefix)) ids.push(client.ClientId);
      }
      const described = await Promise.all(ids.map(describe));
      return described.filter((client): client is UserPoolClientDescription => client !== undefined);
    },
    describeUserPoolClient: describe,
  };
}

/** Cognito's token validity has units; the contract wants seconds. */
function toDescription(client: UserPoolClientType): UserPoolClientDescription {
  const unit = client.TokenValidityUnits?.AccessToken ?? 'hours';
  const perUnit = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 }[unit];
  return {
    clientId: client.ClientId ?? '',
    clientName: client.ClientName ?? '',
    hasSecret: client.ClientSecret !== undefined,
    allowedOAuthFlows: client.AllowedOAuthFlows ?? [],
    allowedOAuthScopes: client.AllowedOAuthScopes ?? [],
    allowedOAuthFlowsUserPoolClient: client.AllowedOAuthFlowsUserPoolClient ?? false,
    accessTokenValiditySeconds: (client.AccessTokenValidity ?? 1) * perUnit,
  };
}
