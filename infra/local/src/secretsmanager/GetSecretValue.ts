import { z } from 'zod';
import { AwsServiceError } from '../errors/index.ts';
import { invalidParameter, parseInput, resolveSecret, SecretId, timestamp, type SecretsAction } from './context.ts';

const Input = z.object({ SecretId: SecretId.optional(), VersionId: z.string().optional(), VersionStage: z.string().optional() });

/**
 * GetSecretValue: the current version's `SecretString` (API Reference,
 * "GetSecretValue"). Only `AWSCURRENT` is kept; asking for another stage or
 * version is ResourceNotFoundException with the service's wording.
 */
export const GetSecretValue: SecretsAction = (input, context) => {
  const request = parseInput(Input, input);
  if (request.SecretId === undefined) throw invalidParameter('You must provide a SecretId.');
  const secret = resolveSecret(request.SecretId, context);
  const stage = request.VersionStage ?? 'AWSCURRENT';
  const current = secret.current;
  if (!current || stage !== 'AWSCURRENT' || (request.VersionId !== undefined && request.VersionId !== current.versionId)) {
    throw new AwsServiceError(
      'ResourceNotFoundException',
      request.VersionId !== undefined
        ? `Secrets Manager can't find the specified secret value for VersionId: ${request.VersionId}`
        : `Secrets Manager can't find the specified secret value for staging label: ${stage}`,
    );
  }
  return {
    output: {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: current.versionId,
      SecretString: current.secretString,
      VersionStages: ['AWSCURRENT'],
      CreatedDate: timestamp(current.createdAt),
    },
    resourceId: secret.arn,
  };
};
