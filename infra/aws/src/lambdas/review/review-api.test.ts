import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { dynamoEvidenceWriter } from '../shared/evidence-writer.ts';
import { fakeTables } from '../test-support/fake-tables.ts';
import { createReviewApiHandler } from './review-api.ts';

const role = (slot: string) => `arn:aws:sts::123456789012:assumed-role/keyless-e1-${slot}-instance/i-0abc`;
const reviewEvent = (userArn: string | null, body: string | null) =>
  ({ body, isBase64Encoded: false, requestContext: { identity: { userArn } } }) as unknown as APIGatewayProxyEvent;

describe('review board Lambda', () => {
  const tables = fakeTables();
  const handler = createReviewApiHandler({
    eventId: 'e1',
    evidence: dynamoEvidenceWriter({ client: tables.client, tableName: 'evidence', now: () => 1_000, retentionSeconds: 60 }),
  });
  beforeEach(() => tables.reset());

  it("records each decision as the signer's decision evidence", async () => {
    const body = JSON.stringify({ decisions: [{ scenario: 'ci-pipeline', choice: 'oidc-federation', reason: 'no keys' }] });
    const response = await handler(reviewEvent(role('a002'), body));
    assert.equal(response.statusCode, 201);
    assert.deepEqual(
      tables.items('evidence').map((item) => [item.attendeeSlot, item.kind, item.scenario, item.choice, item.reason]),
      [['a002', 'decision', 'ci-pipeline', 'oidc-federation', 'no keys']],
    );
  });

  it('refuses an unsigned caller, and malformed bodies are 400 with nothing recorded', async () => {
    assert.equal((await handler(reviewEvent(null, '{}'))).statusCode, 403);
    for (const body of [null, '{', '{"decisions":[]}', '{"decisions":[{"scenario":"A B","choice":"x"}]}']) {
      assert.equal((await handler(reviewEvent(role('a001'), body))).statusCode, 400, String(body));
    }
    assert.equal(tables.items('evidence').length, 0);
  });
});
