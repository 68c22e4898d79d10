import type { SecretsAction } from './context.ts';
import { DescribeSecret } from './DescribeSecret.ts';
import { GetSecretValue } from './GetSecretValue.ts';
import { PutSecretValue } from './PutSecretValue.ts';

/** The Secrets Manager actions the sandbox emulates; anything else is answered with a named "unsupported" error. */
export const SECRETS_ACTIONS: Readonly<Record<string, SecretsAction>> = { GetSecretValue, PutSecretValue, DescribeSecret };
