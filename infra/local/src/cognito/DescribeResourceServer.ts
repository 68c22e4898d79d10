import { z } from 'zod';
import { parseInput, requireOwnPool, type CognitoAction } from './context.ts';
import { resourceNotFound, validationErrors } from './errors.ts';
import { toOutput } from './resource-server.ts';

const Input = z.object({ UserPoolId: z.string().optional(), Identifier: z.string().optional() });

export const DescribeResourceServer: CognitoAction = (input, context) => {
  const request = parseInput(Input, input);
  const userPoolId = requireOwnPool(request.UserPoolId, context);
  if (request.Identifier === undefined)
    throw validationErrors([{ path: 'identifier', value: undefined, constraint: 'Member must not be null' }]);
  const server = context.store.resourceServer(userPoolId, request.Identifier);
  if (!server) throw resourceNotFound(`Resource server ${request.Identifier} does not exist.`);
  return { output: { ResourceServer: toOutput(server) }, resourceId: request.Identifier };
};
