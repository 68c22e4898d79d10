import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxState } from '../state.ts';
import { instanceMetadataService } from './imds-handler.ts';

/** The request handler of one attendee instance's IMDS: its instance role's credentials, its evidence. */
export function attendeeImds(state: SandboxState, attendeeId: string): (request: IncomingMessage, response: ServerResponse) => void {
  const account = state.iam.account(attendeeId);
  const service = instanceMetadataService({
    facts: { account, region: state.region, credentials: () => state.iam.instanceCredentials(attendeeId) },
    now: state.now,
    record: (event) => state.evidence.record(attendeeId, { kind: 'imds-request', ...event }),
  });
  return (request, response) => {
    service.handle(request, response).catch((error: unknown) => {
      console.error('[local-aws] imds internal error', error);
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  };
}
