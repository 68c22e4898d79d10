import type { z } from 'zod';
import type { AttendeeRecord } from '../attendees/index.ts';
import type { CognitoStore } from './client-store.ts';
import { arns } from '../iam/index.ts';
import { AwsServiceError } from '../errors/index.ts';
import { resourceNotFound, validationErrors } from './errors.ts';

/** What a control-plane action gets: the verified caller and the stores it may touch. */
export interface CognitoActionContext {
  /** Action name, for error messages. */
  readonly action: string;
  /** The attendee whose credentials signed the request. */
  readonly caller: AttendeeRecord;
  /** The caller's account (the attendee's). */
  readonly accountId: string;
  readonly region: string;
  readonly store: CognitoStore;
  readonly now: () => number;
  /**
   * IAM authorization of the caller's role session for `cognito-idp:<action>`
   * on a resource ARN; throws `AccessDeniedException` unless allowed.
   */
  authorize(resourceArn: string): void;
}

export interface ActionResult {
  readonly output: Record<string, unknown>;
  /** What the call created or touched, for evidence. */
  readonly resourceId?: string;
}

export type CognitoAction = (input: unknown, context: CognitoActionContext) => ActionResult;

const USER_POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;
const CLIENT_ID = /^[\w+]+$/;

/**
 * Checks the request's UserPoolId and that the caller may act on it. Pool
 * ARNs are in the caller's account; the caller's role policy is evaluated
 * first (as AWS evaluates IAM before looking the resource up), so another
 * attendee's pool id is an IAM denial, and only an allowed request can learn
 * that a pool does not exist.
 */
export function requireOwnPool(userPoolId: string | undefined, context: CognitoActionContext): string {
  if (userPoolId === undefined) throw validationErrors([{ path: 'userPoolId', value: undefined, constraint: 'Member must not be null' }]);
  if (!USER_POOL_ID.test(userPoolId) || userPoolId.length > 55) {
    throw validationErrors([
      {
        path: 'userPoolId',
        value: userPoolId,
        constraint: `Member must satisfy regular expression pattern: ${USER_POOL_ID.source.slice(1, -1)}`,
      },
    ]);
  }
  context.authorize(arns.userPool(context.region, context.accountId, userPoolId));
  if (userPoolId !== context.caller.userPoolId) throw resourceNotFound(`User pool ${userPoolId} does not exist.`);
  return userPoolId;
}

export function requireClientId(clientId: string | undefined): string {
  if (clientId === undefined) throw validationErrors([{ path: 'clientId', value: undefined, constraint: 'Member must not be null' }]);
  if (!CLIENT_ID.test(clientId) || clientId.length > 128) {
    throw validationErrors([
      { path: 'clientId', value: clientId, constraint: `Member must satisfy regular expression pattern: ${CLIENT_ID.source.slice(1, -1)}` },
    ]);
  }
  return clientId;
}

/** Parses an action's input; a wrongly typed member is a SerializationException, as awsJson services answer. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue ? issue.path.join('.') : 'input';
  throw new AwsServiceError(
    'SerializationException',
    `Unexpected value at ${where || 'the request body'}: ${issue?.message ?? 'invalid input'}`,
  );
}

export const epochSeconds = (ms: number): number => Math.floor(ms / 1000);
