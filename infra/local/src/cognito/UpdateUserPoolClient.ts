import { z } from 'zod';
import { epochSeconds, parseInput, requireClientId, requireOwnPool, type CognitoAction } from './context.ts';
import { resourceNotFound } from './errors.ts';
import { buildClient, clientSettingsShape } from './user-pool-client.ts';

const Input = z.object({ ...clientSettingsShape, ClientId: z.string().optional() });

/**
 * Replaces the client's configuration. As on AWS, a setting the request
 * leaves out goes back to its default rather than keeping its old value; the
 * id, secret and creation date are kept.
 */
export const UpdateUserPoolClient: CognitoAction = (input, context) => {
  const request = parseInput(Input, input);
  const userPoolId = requireOwnPool(request.UserPoolId, context);
  const clientId = requireClientId(request.ClientId);
  const existing = context.store.inPool(userPoolId, clientId);
  if (!existing) throw resourceNotFound(`User pool client ${clientId} does not exist.`);
  // The service keeps the name when it is omitted from an update.
  const settings = { ...request, UserPoolId: userPoolId, ClientName: request.ClientName ?? existing.ClientName };
  const client = buildClient(
    settings,
    {
      ClientId: clientId,
      ...(existing.ClientSecret ? { ClientSecret: existing.ClientSecret } : {}),
      CreationDate: existing.CreationDate,
      LastModifiedDate: epochSeconds(context.now()),
    },
    context.store.scopeCatalogue(userPoolId),
  );
  context.store.update(client);
  return { output: { UserPoolClient: client }, resourceId: clientId };
};
