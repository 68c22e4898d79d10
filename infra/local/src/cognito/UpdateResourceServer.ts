import { z } from 'zod';
import { parseInput, requireOwnPool, type CognitoAction } from './context.ts';
import { resourceNotFound } from './errors.ts';
import { buildResourceServer, resourceServerShape, toOutput } from './resource-server.ts';

const Input = z.object(resourceServerShape);

/**
 * Replaces the name and the whole scope list (omitted Scopes = none), as
 * Cognito's Update actions replace rather than merge. App clients keep their
 * AllowedOAuthScopes; the token endpoint grants only scopes that still exist.
 */
export const UpdateResourceServer: CognitoAction = (input, context) => {
  const request = parseInput(Input, input);
  const userPoolId = requireOwnPool(request.UserPoolId, context);
  const server = buildResourceServer(userPoolId, request);
  if (!context.store.updateResourceServer(server)) throw resourceNotFound(`Resource server ${server.Identifier} does not exist.`);
  return { output: { ResourceServer: toOutput(server) }, resourceId: server.Identifier };
};
