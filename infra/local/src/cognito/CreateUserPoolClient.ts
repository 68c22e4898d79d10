import { z } from 'zod';
import { newClientId, newClientSecret } from '../attendees/ids.ts';
import { epochSeconds, parseInput, requireOwnPool, type CognitoAction } from './context.ts';
import { buildClient, clientSettingsShape } from './user-pool-client.ts';

const Input = z.object({ ...clientSettingsShape, GenerateSecret: z.boolean().optional() });

/** Creates an app client; with GenerateSecret the response (and every Describe) carries the secret. */
export const CreateUserPoolClient: CognitoAction = (input, context) => {
  const request = parseInput(Input, input);
  const userPoolId = requireOwnPool(request.UserPoolId, context);
  const now = epochSeconds(context.now());
  const client = buildClient(
    { ...request, UserPoolId: userPoolId },
    {
      ClientId: newClientId(),
      ...(request.GenerateSecret ? { ClientSecret: newClientSecret() } : {}),
      CreationDate: now,
      LastModifiedDate: now,
    },
    context.store.scopeCatalogue(userPoolId),
  );
  context.store.insert(context.caller.attendeeId, client);
  return { output: { UserPoolClient: client }, resourceId: client.ClientId };
};
