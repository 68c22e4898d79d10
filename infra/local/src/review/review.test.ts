import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestAws, type TestAws } from '../test-support/test-aws.ts';

describe('architecture-review endpoint', () => {
  let t: TestAws;
  const submit = async (attendeeId: string, body: unknown): Promise<Response> =>
    fetch(`${(await t.aws.outputs(attendeeId)).reviewApiUrl}/decisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  before(async () => {
    t = await startTestAws();
  });
  after(() => t.dispose());

  it('records each decision as evidence of the attendee who owns the URL', async () => {
    const response = await submit('alice', {
      decisions: [
        { scenario: 'ci-pipeline', choice: 'oidc-federation', reason: 'tokens per job' },
        { scenario: 'iot-fleet', choice: 'mutual-tls' },
      ],
    });
    assert.equal(response.status, 201);
    assert.deepEqual(await response.json(), { recorded: 2 });
    const decisions = await t.aws.evidence('alice').query({ kind: 'decision' });
    assert.deepEqual(
      decisions.map((event) => [event.scenario, event.choice]),
      [
        ['iot-fleet', 'mutual-tls'],
        ['ci-pipeline', 'oidc-federation'],
      ],
    );
    assert.equal((await t.aws.evidence('bob').query({ kind: 'decision' })).length, 0);
  });

  it('refuses malformed bodies with the problems listed, recording nothing', async () => {
    const before = (await t.aws.evidence('carol').query({ kind: 'decision' })).length;
    const bad = await submit('carol', { decisions: [{ scenario: 'CI Pipeline!', choice: 'x' }] });
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(await bad.json()), /scenario/);
    assert.equal((await submit('carol', { decisions: [] })).status, 400);
    assert.equal((await t.aws.evidence('carol').query({ kind: 'decision' })).length, before);
  });

  it('answers 404 for an unknown review id and 405 for GET', async () => {
    const { reviewApiUrl } = await t.aws.outputs('alice');
    assert.equal(
      (await fetch(`${reviewApiUrl.replace(/review\/[a-z0-9]+/, 'review/nope')}/decisions`, { method: 'POST', body: '{}' })).status,
      404,
    );
    assert.equal((await fetch(`${reviewApiUrl}/decisions`)).status, 405);
  });
});
