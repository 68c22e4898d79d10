import type { ApiCallEvidence } from '@keyless/labs/sandbox';
import type { WireEntry } from '../model.ts';
import { entryOf } from './entry.ts';

/** A call to the Orders API's API-key door: the long-lived key itself crosses the wire, every time. */
export function decodeApiKeyCall(evidence: ApiCallEvidence): WireEntry {
  const key = evidence.apiKey;
  return entryOf(evidence, {
    mechanism: 'api-key',
    service: 'Orders API',
    request: `${evidence.method} ${evidence.path}`,
    door: 'API key door',
    status: String(evidence.status),
    ...(key?.keyId ? { caller: key.keyId } : {}),
    summary: 'The key itself crossed the wire: sent on every request, never expires; anyone who copies it is you.',
    fields: key
      ? [
          {
            label: 'Header',
            value: `${key.header}: ${key.last4 ? `••••••••${key.last4}` : '••••'}`,
            explain: 'Sent on every request, never expires: whoever sees one request can replay it forever.',
          },
          {
            label: 'Key id',
            value: key.keyId ?? 'no key matched',
            explain: 'Names a key, not a caller: the API cannot tell who is holding it.',
          },
        ]
      : [{ label: 'Header', value: 'x-api-key missing', explain: 'Without the key the door answers 403 Forbidden.' }],
  });
}
