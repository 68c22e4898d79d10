import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { GetApiKeyCommand, NotFoundException } from '@aws-sdk/client-api-gateway';
import { slotFromName } from '../../contract/attendee-names.ts';
import type { ApiKeyOwner } from './door-decision.ts';

/**
 * An API key's slot, from its name (`keyless-<event>-<slot>`, set by the
 * attendee stack). API Gateway hands the Lambda only the key's id; the name
 * is read once per key and kept for the life of the container (a key's
 * name never changes).
 */
export function apiKeyOwnerFromNames(client: APIGatewayClient, eventId: string): ApiKeyOwner {
  const cache = new Map<string, Promise<string | undefined>>();
  return (apiKeyId) => {
    let slot = cache.get(apiKeyId);
    if (!slot) {
      slot = client.send(new GetApiKeyCommand({ apiKey: apiKeyId, includeValue: false })).then(
        (key) => (key.name ? slotFromName(eventId, key.name) : undefined),
        (error: unknown) => {
          cache.delete(apiKeyId);
          if (error instanceof NotFoundException) return undefined;
          throw error;
        },
      );
      cache.set(apiKeyId, slot);
    }
    return slot;
  };
}
