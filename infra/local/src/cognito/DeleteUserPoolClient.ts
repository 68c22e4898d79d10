import { z } from 'zod';
import { parseInput, requireClientId, requireOwnPool, type CognitoAction } from './context.ts';
import { resourceNotFound } from './errors.ts';

const Input = z.object({ UserPoolId: z.string().optional(), ClientId: z.string().optional() });

export const DeleteUserPoolClient: CognitoAction = (input, context) => {
  const request = parseInput(Input, input);
  const userPoolId = requireOwnPool(request.UserPoolId, context);
  const clientId = requireClientId(request.ClientId);
  if (!context.store.delete(userPoolId, clientId)) throw resourceNotFound(`User pool client ${clientId} does not exist.`);
  return { output: {}, resourceId: clientId };
};
