import { z } from 'zod';
import { AwsServiceError } from '../errors/index.ts';
import type { AwsJsonAction, AwsJsonCall } from '../protocols/aws-json-host.ts';
import type { SecretStore, StoredSecret } from './secret-store.ts';

/**
 * What a Secrets Manager action gets: the verified call as the AWS JSON host
 * tells it (the caller's account, region, clock and IAM authorization for
 * `secretsmanager:<action>` on a resource ARN, which throws
 * AccessDeniedException unless allowed), the attendee whose credentials
 * signed it, and the store. It returns its output and, for evidence, the
 * secret's ARN (never its value).
 */
export interface SecretsActionContext extends Omit<AwsJsonCall<unknown>, 'action' | 'caller'> {
  readonly attendeeId: string;
  readonly store: SecretStore;
}

export type SecretsAction = AwsJsonAction<SecretsActionContext>;

export const invalidParameter = (message: string): AwsServiceError => new AwsServiceError('InvalidParameterException', message);
const notFound = (message: string): AwsServiceError => new AwsServiceError('ResourceNotFoundException', message);

/** Reads the request document with `schema`; a wrong type is InvalidParameterException, as the service answers it. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw invalidParameter(`Invalid parameter ${issue?.path.join('.') || 'in the request'}: ${issue?.message ?? 'invalid input'}.`);
}

export const SecretId = z.string().min(1).max(2048);
const ARN = /^arn:aws:secretsmanager:([a-z0-9-]+):(\d{12}):secret:(.+)$/;
/** The six random characters Secrets Manager appends to the name in a full ARN. */
const SUFFIX = /-[A-Za-z0-9]{6}$/;

/**
 * The secret a `SecretId` names — its name, its full ARN or a partial ARN
 * (without the random suffix), as the API reference allows — authorized
 * before anything about it is told: IAM is evaluated on the secret's ARN
 * (or, for one that does not exist, on the ARN asked for), so another
 * account's secret is AccessDeniedException, and only an allowed caller
 * learns that a secret does not exist (ResourceNotFoundException).
 */
export function resolveSecret(secretId: string, context: SecretsActionContext): StoredSecret {
  const found = lookUp(secretId, context);
  const arnAsked = ARN.test(secretId) ? secretId : `arn:aws:secretsmanager:${context.region}:${context.accountId}:secret:${secretId}`;
  context.authorize(found?.arn ?? arnAsked);
  if (!found) throw notFound("Secrets Manager can't find the specified secret.");
  return found;
}

function lookUp(secretId: string, context: SecretsActionContext): StoredSecret | undefined {
  const { attendeeId, accountId } = context;
  const arn = ARN.exec(secretId);
  if (!arn) return context.store.byName(attendeeId, accountId, secretId);
  const [, region, account, named = ''] = arn;
  if (region !== context.region || account !== accountId) return undefined;
  // A partial ARN is the name; a full one must be this secret's ARN (a reset gives the secret a new suffix).
  const byPartial = context.store.byName(attendeeId, accountId, named);
  if (byPartial) return byPartial;
  const byFull = SUFFIX.test(named) ? context.store.byName(attendeeId, accountId, named.replace(SUFFIX, '')) : undefined;
  return byFull?.arn === secretId ? byFull : undefined;
}

/** Epoch seconds with milliseconds, the shape of the API's timestamps in AWS JSON. */
export const timestamp = (ms: number): number => ms / 1000;
