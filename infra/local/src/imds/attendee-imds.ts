import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EvidenceStore } from '../evidence/evidence-store.ts';
import type { Iam } from '../iam/index.ts';
import { sendImdsResult } from '../protocols/imds-text.ts';
import { instanceMetadataService } from './imds-handler.ts';

/** What an attendee instance's IMDS is made of. */
export interface ImdsServices {
  readonly region: string;
  readonly now: () => number;
  readonly iam: Pick<Iam, 'account' | 'instanceCredentials'>;
  readonly evidence: Pick<EvidenceStore, 'record'>;
}

/** The request handler of one attendee instance's IMDS: its instance role's credentials, its evidence. */
export function attendeeImds(services: ImdsServices, attendeeId: string): (request: IncomingMessage, response: ServerResponse) => void {
  const account = services.iam.account(attendeeId);
  const service = instanceMetadataService({
    facts: { account, region: services.region, credentials: () => services.iam.instanceCredentials(attendeeId) },
    now: services.now,
    record: (event) => services.evidence.record(attendeeId, { kind: 'imds-request', ...event }),
  });
  return (request, response) => {
    const method = request.method ?? 'GET';
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    service
      .answer({ method, path, headers: request.headers })
      .then((result) => {
        sendImdsResult(response, method, result);
      })
      .catch((error: unknown) => {
        console.error('[local-aws] imds internal error', error);
        if (!response.headersSent) response.writeHead(500).end();
        else response.destroy();
      });
  };
}
