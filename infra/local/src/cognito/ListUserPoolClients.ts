import { z } from 'zod';
import { parseInput, requireOwnPool, type CognitoAction } from './context.ts';
import { invalidParameter, validationErrors } from './errors.ts';

const Input = z.object({ UserPoolId: z.string().optional(), MaxResults: z.number().int().optional(), NextToken: z.string().optional() });

/** Lists the pool's clients (id, pool, name only, as Cognito does), a page at a time. */
export const ListUserPoolClients: CognitoAction = (input, context) => {
  const request = parseInput(Input, input);
  const userPoolId = requireOwnPool(request.UserPoolId, context);
  const max = request.MaxResults ?? 60;
  if (max < 1 || max > 60) {
    throw validationErrors([
      {
        path: 'maxResults',
        value: max,
        constraint: max < 1 ? 'Member must have value greater than or equal to 1' : 'Member must have value less than or equal to 60',
      },
    ]);
  }
  const page = context.store.page(userPoolId, request.NextToken === undefined ? 0 : decodeNextToken(request.NextToken), max);
  return {
    output: {
      UserPoolClients: page.clients.map((client) => ({
        ClientId: client.ClientId,
        UserPoolId: client.UserPoolId,
        ClientName: client.ClientName,
      })),
      ...(page.next ? { NextToken: encodeNextToken(page.next) } : {}),
    },
    resourceId: userPoolId,
  };
};

/** NextToken is opaque to callers; ours is the position of the last client returned. */
function encodeNextToken(position: number): string {
  return Buffer.from(`clients:${position}`).toString('base64url');
}

function decodeNextToken(token: string): number {
  const match = /^clients:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) throw invalidParameter('Invalid pagination token.');
  return Number(match[1]);
}
