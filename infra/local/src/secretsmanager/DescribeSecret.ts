import { z } from 'zod';
import { invalidParameter, parseInput, resolveSecret, SecretId, timestamp, type SecretsAction } from './context.ts';

const Input = z.object({ SecretId: SecretId.optional() });

/** DescribeSecret: the secret's metadata, never its value (API Reference, "DescribeSecret"). */
export const DescribeSecret: SecretsAction = (input, context) => {
  const request = parseInput(Input, input);
  if (request.SecretId === undefined) throw invalidParameter('You must provide a SecretId.');
  const secret = resolveSecret(request.SecretId, context);
  const current = secret.current;
  return {
    output: {
      ARN: secret.arn,
      Name: secret.name,
      CreatedDate: timestamp(secret.createdAt),
      ...(current
        ? { LastChangedDate: timestamp(current.createdAt), VersionIdsToStages: { [current.versionId]: ['AWSCURRENT'] } }
        : { VersionIdsToStages: {} }),
    },
    resourceId: secret.arn,
  };
};
