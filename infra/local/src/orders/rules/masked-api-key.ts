import { createHash } from 'node:crypto';
import type { ApiKeyEvidence } from '@keyless/labs/sandbox';

/** Shorter keys show no characters at all: 4 of 7 would give most of the key away. */
const SHORTEST_SHOWN = 8;

/**
 * How evidence keeps an API key: the header that carried it and its last 4
 * characters, as API Gateway's console shows a key; with the id of the key
 * it matched. Locally a key has no separate id, so the id is a fingerprint
 * (the first 10 hex digits of its SHA-256), which names the key without
 * giving it away: the key is 40 random characters, so the fingerprint
 * cannot be turned back into it.
 */
export function maskedApiKey(presented: string, matched?: string): ApiKeyEvidence {
  return {
    header: 'x-api-key',
    last4: presented.length >= SHORTEST_SHOWN ? presented.slice(-4) : '',
    ...(matched === undefined ? {} : { keyId: `key-${createHash('sha256').update(matched).digest('hex').slice(0, 10)}` }),
  };
}
