import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { SubmitDecisions } from '@keyless/local-sandbox/review-decisions';
import { slotFromAssumedRoleArn } from '../../contract/attendee-names.ts';
import type { EvidenceWriter } from '../shared/evidence-writer.ts';

/**
 * `POST /review/decisions` (SigV4): the choosing lab's review board, the
 * local emulator's SubmitDecisions unchanged; the attendee is the slot of
 * the assumed role that signed.
 */
export function createReviewApiHandler(deps: {
  readonly eventId: string;
  readonly evidence: EvidenceWriter;
}): (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> {
  return async (event) => {
    const slot = slotFromAssumedRoleArn(deps.eventId, event.requestContext.identity.userArn ?? '');
    if (!slot)
      return {
        statusCode: 403,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'Sign the request with one of your sandbox roles.' }),
      };
    const body = event.body === null ? Buffer.alloc(0) : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
    const result = await SubmitDecisions(body, { attendeeId: slot }, { evidence: deps.evidence });
    return {
      statusCode: result.status,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify('json' in result ? result.json : {}),
    };
  };
}
