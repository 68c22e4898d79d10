import { z } from 'zod';
import { parseInput, requireOwnPool, type CognitoAction } from './context.ts';
import { invalidParameter, validationErrors } from './errors.ts';
import { toOutput } from './resource-server.ts';

const Input = z.object({ UserPoolId: z.string().optional(), MaxResults: z.number().int().optional(), NextToken: z.string().optional() });

/** The pool's resource servers in creation order, up to 50 a page. */
export const ListResourceServers: CognitoAction = (input, context) => {
  const request = parseInput(Input, input);
  const userPoolId = requireOwnPool(request.UserPoolId, context);
  const max = request.MaxResults ?? 50;
  if (max < 1 || max > 50) {
    throw validationErrors([
      {
        path: 'maxResults',
        value: max,
        constraint: max < 1 ? 'Member must have value greater than or equal to 1' : 'Member must have value less than or equal to 50',
      },
    ]);
  }
  const page = context.store.resourceServerPage(userPoolId, request.NextToken === undefined ? 0 : decode(request.NextToken), max);
  return {
    output: {
      ResourceServers: page.servers.map(toOutput),
      ...(page.next ? { NextToken: Buffer.from(`servers:${page.next}`).toString('base64url') } : {}),
    },
    resourceId: userPoolId,
  };
};

function decode(token: string): number {
  const match = /^servers:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) throw invalidParameter('Invalid pagination token.');
  return Number(match[1]);
}
