import type { ApiKeyEvidence } from '@keyless/labs/sandbox';
import { constantTimeEqual } from '../../crypto/constant-time.ts';
import { maskedApiKey } from './masked-api-key.ts';
import type { DoorDecision } from './front-door.ts';

/**
 * A method with `apiKeyRequired`: the `x-api-key` header must carry a key of
 * a usage plan bound to the stage (here: the attendee's one key). A missing
 * or wrong key is API Gateway's `403 {"message":"Forbidden"}`. A key names no
 * caller, so there is no principal: anyone holding it is let in, which is
 * exactly what lab 0 demonstrates.
 */
export function authorizeApiKey(presented: string | undefined, apiKey: string): DoorDecision {
  if (!presented) return forbidden('missing API key');
  if (!constantTimeEqual(apiKey, presented)) return forbidden('invalid API key', maskedApiKey(presented));
  return { allow: true, wire: { apiKey: maskedApiKey(presented, apiKey) } };
}

function forbidden(reason: string, apiKey?: ApiKeyEvidence): DoorDecision {
  return {
    allow: false,
    status: 403,
    message: 'Forbidden',
    errorType: 'ForbiddenException',
    reason,
    ...(apiKey ? { wire: { apiKey } } : {}),
  };
}
