import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AwsServiceError } from '../errors/index.ts';
import { invalidParameter, parseInput, resolveSecret, SecretId, type SecretsAction } from './context.ts';

const Input = z.object({
  SecretId: SecretId.optional(),
  // The quota is 65,536 bytes (Secrets Manager quotas, "secret value size"), not characters.
  SecretString: z
    .string()
    .refine((value) => Buffer.byteLength(value, 'utf8') <= 65_536, 'must be at most 65,536 bytes (UTF-8)')
    .optional(),
  SecretBinary: z.string().optional(),
  ClientRequestToken: z.string().min(32).max(64).optional(),
  VersionStages: z.array(z.string()).optional(),
});

/**
 * PutSecretValue: a new current version (API Reference, "PutSecretValue").
 * `ClientRequestToken` becomes the version id, as the SDK's generated
 * idempotency token does: repeating a token with the same value is a no-op,
 * with another value ResourceExistsException. `SecretBinary` and custom
 * stages are not emulated and say so.
 */
export const PutSecretValue: SecretsAction = (input, context) => {
  const request = parseInput(Input, input);
  if (request.SecretId === undefined) throw invalidParameter('You must provide a SecretId.');
  if (request.SecretBinary !== undefined || (request.VersionStages && request.VersionStages.join() !== 'AWSCURRENT'))
    throw new AwsServiceError('UnsupportedOperationException', 'The local Keyless sandbox stores SecretString values in AWSCURRENT only.');
  if (request.SecretString === undefined) throw invalidParameter('You must provide either SecretString or SecretBinary.');
  const secret = resolveSecret(request.SecretId, context);
  const versionId = request.ClientRequestToken ?? randomUUID();
  const current = secret.current;
  if (current?.versionId === versionId) {
    if (current.secretString !== request.SecretString)
      throw new AwsServiceError('ResourceExistsException', `A version with VersionId ${versionId} already exists with different contents.`);
  } else {
    context.store.put(secret, versionId, request.SecretString);
  }
  return { output: { ARN: secret.arn, Name: secret.name, VersionId: versionId, VersionStages: ['AWSCURRENT'] }, resourceId: secret.arn };
};
