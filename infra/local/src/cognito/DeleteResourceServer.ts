import { z } from 'zod';
import { parseInput, requireOwnPool, type CognitoAction } from './context.ts';
import { resourceNotFound, validationErrors } from './errors.ts';

const Input = z.object({ UserPoolId: z.string().optional(), Identifier: z.string().optional() });

export const DeleteResourceServer: CognitoAction = (input, context) => {
  const request = parseInput(Input, input);
  const userPoolId = requireOwnPool(request.UserPoolId, context);
  if (request.Identifier === undefined)
    throw validationErrors([{ path: 'identifier', value: undefined, constraint: 'Member must not be null' }]);
  if (!context.store.deleteResourceServer(userPoolId, request.Identifier))
    throw resourceNotFound(`Resource server ${request.Identifier} does not exist.`);
  return { output: {}, resourceId: request.Identifier };
};
