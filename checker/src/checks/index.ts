import type { CheckKind } from '../types.ts';
import { apiCall } from './api-call.ts';
import { tokenIssued } from './token-issued.ts';
import { userPoolClient } from './user-pool-client.ts';

/** Every check kind, by name. Adding a kind means adding a file and a line here. */
export const checkKinds: ReadonlyMap<string, CheckKind> = new Map<string, CheckKind>(
  [userPoolClient, tokenIssued, apiCall].map((kind) => [kind.kind, kind as CheckKind]),
);
