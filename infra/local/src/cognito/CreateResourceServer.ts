import { z } from 'zod';
import { parseInput, requireOwnPool, type CognitoAction } from './context.ts';
import { AwsServiceError } from '../errors/index.ts';
import { invalidParameter } from './errors.ts';
import { buildResourceServer, resourceServerShape, toOutput } from './resource-server.ts';

const Input = z.object(resourceServerShape);
/** Cognito's quota of resource servers per user pool. */
const MAX_RESOURCE_SERVERS = 25;

export const CreateResourceServer: CognitoAction = (input, context) => {
  const request = parseInput(Input, input);
  const userPoolId = requireOwnPool(request.UserPoolId, context);
  const server = buildResourceServer(userPoolId, request);
  if (context.store.resourceServer(userPoolId, server.Identifier))
    throw invalidParameter(`${server.Identifier} already exists in user pool ${userPoolId}.`);
  if (context.store.resourceServers(userPoolId).length >= MAX_RESOURCE_SERVERS) {
    throw new AwsServiceError(
      'LimitExceededException',
      `The user pool ${userPoolId} already has the maximum of ${MAX_RESOURCE_SERVERS} resource servers.`,
    );
  }
  context.store.insertResourceServer(server);
  return { output: { ResourceServer: toOutput(server) }, resourceId: server.Identifier };
};
