import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Evidence } from '@keyless/labs/sandbox';
import { fixtureSandbox } from '../test-support/fixture-sandbox.ts';
import { controlPlaneCall } from './control-plane-call.ts';

const call = (id: number, principal: string, outcome: 'success' | 'failure', error?: string): Evidence => ({
  kind: 'control-plane-call',
  id,
  at: 0,
  attendeeId: 'attendee-1',
  outcome,
  service: 'secretsmanager',
  action: 'GetSecretValue',
  principal,
  resourceId: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:keyless/orders-worker-client-AbCdEf',
  ...(error ? { error } : {}),
});
const WORKLOAD = 'arn:aws:sts::111122223333:assumed-role/keyless-instance-role/i-0123456789abcdef0';
const MANAGER = 'arn:aws:sts::111122223333:assumed-role/keyless-client-manager-role/setup';
const params = controlPlaneCall.params.parse({
  service: 'secretsmanager',
  action: 'GetSecretValue',
  principalPattern: 'assumed-role/keyless-instance-role/',
});

test('control-plane-call passes only for the right action, outcome and signer', async () => {
  const none = await controlPlaneCall.evaluate(fixtureSandbox({ evidence: [] }), params);
  assert.equal(none.status, 'fail');
  assert.match(none.explanation, /has not seen secretsmanager:GetSecretValue/);

  const wrongSigner = await controlPlaneCall.evaluate(fixtureSandbox({ evidence: [call(1, MANAGER, 'success')] }), params);
  assert.equal(wrongSigner.status, 'fail');
  assert.match(wrongSigner.explanation, /by a role matching assumed-role\/keyless-instance-role\//);
  assert.match(wrongSigner.explanation, /keyless-client-manager-role/);

  const refused = await controlPlaneCall.evaluate(
    fixtureSandbox({ evidence: [call(2, WORKLOAD, 'failure', 'ResourceNotFoundException')] }),
    params,
  );
  assert.equal(refused.status, 'fail');
  assert.match(refused.explanation, /failure \(ResourceNotFoundException\)/);

  const read = await controlPlaneCall.evaluate(
    fixtureSandbox({ evidence: [call(2, WORKLOAD, 'failure', 'X'), call(3, WORKLOAD, 'success')] }),
    params,
  );
  assert.equal(read.status, 'pass');
});

test('control-plane-call can require a refusal with a named error', async () => {
  const denied = controlPlaneCall.params.parse({
    service: 'secretsmanager',
    action: 'GetSecretValue',
    outcome: 'failure',
    error: 'AccessDeniedException',
  });
  assert.equal((await controlPlaneCall.evaluate(fixtureSandbox({ evidence: [call(1, WORKLOAD, 'success')] }), denied)).status, 'fail');
  assert.equal(
    (await controlPlaneCall.evaluate(fixtureSandbox({ evidence: [call(1, WORKLOAD, 'failure', 'AccessDeniedException')] }), denied)).status,
    'pass',
  );
  assert.throws(() => controlPlaneCall.params.parse({ service: 'secretsmanager' }));
});
