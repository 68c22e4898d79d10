import { z } from 'zod';
import { arns } from '../iam/index.ts';
import { epochSeconds, parseInput, requireOwnPool, type CognitoAction } from './context.ts';

const Input = z.object({ UserPoolId: z.string().optional() });

/** The attendee's pool: the fields labs read (id, name, ARN, domain, dates), not the full UserPoolType. */
export const DescribeUserPool: CognitoAction = (input, context) => {
  const request = parseInput(Input, input);
  const userPoolId = requireOwnPool(request.UserPoolId, context);
  const pool = context.caller;
  const created = epochSeconds(pool.createdAt);
  return {
    output: {
      UserPool: {
        Id: userPoolId,
        Name: pool.userPoolName,
        Arn: arns.userPool(context.region, context.accountId, userPoolId),
        Domain: pool.domainPrefix,
        CreationDate: created,
        LastModifiedDate: created,
        MfaConfiguration: 'OFF',
        EstimatedNumberOfUsers: 0,
        DeletionProtection: 'INACTIVE',
        UserPoolTier: 'ESSENTIALS',
      },
    },
    resourceId: userPoolId,
  };
};
