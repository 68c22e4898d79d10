import {
  DescribeUserPoolClientCommand,
  ResourceNotFoundException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AppClientOwner } from './door-decision.ts';

const SLOT_PREFIX = /^(a\d{3})-/;

/**
 * An app client's slot, from its name (`<slot>-…`, contract/cognito-clients.ts):
 * the token names only the client id, so the name is read once per client
 * and kept for the container's life. Client names can be changed with
 * UpdateUserPoolClient, and IAM cannot restrict which names a client
 * manager sets (README, "Cognito"), so this attributes, it does not isolate.
 */
export function appClientOwnerFromNames(client: CognitoIdentityProviderClient, userPoolId: string): AppClientOwner {
  const cache = new Map<string, Promise<string | undefined>>();
  return (clientId) => {
    let slot = cache.get(clientId);
    if (!slot) {
      slot = client.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId })).then(
        ({ UserPoolClient }) => SLOT_PREFIX.exec(UserPoolClient?.ClientName ?? '')?.[1],
        (error: unknown) => {
          cache.delete(clientId);
          if (error instanceof ResourceNotFoundException) return undefined;
          throw error;
        },
      );
      cache.set(clientId, slot);
    }
    return slot;
  };
}
