/**
 * The provisioner's orchestration against CloudFormation's behaviour
 * (test-support/cloudformation-double.ts over aws-sdk-client-mock): the
 * concurrency bound, backoff on Throttling, idempotence, resume after a
 * crash, and the pool filled exactly once per stack.
 */
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { installCloudFormationDouble, type CloudFormationDouble } from '../test-support/cloudformation-double.ts';
import { withBackoff } from './backoff.ts';
import { provision, type PoolSink } from './provision.ts';
import { memoryStateStore } from './state-file.ts';
import type { TemplateSource } from './templates.ts';

const cfnMock = mockClient(CloudFormationClient);
let cfn: CloudFormationDouble;
const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const attendeeTemplate = JSON.stringify({ Parameters: { EventId: { Type: 'String' }, AttendeeSlot: { Type: 'String' } }, Resources: {} });
const templates: TemplateSource = {
  event: () => Promise.resolve({ body: JSON.stringify({ Resources: {} }) }),
  attendee: () => Promise.resolve({ body: attendeeTemplate }),
};

function pool(): PoolSink & { entries: string[] } {
  const entries: string[] = [];
  return {
    entries,
    add(eventId, sandboxId) {
      if (!entries.includes(sandboxId)) entries.push(sandboxId);
      else throw new Error(`added twice: ${sandboxId}`);
      assert.equal(eventId, 'evt1');
    },
  };
}

const base = {
  eventId: 'evt1',
  cloudformation: new CloudFormationClient({ region: 'eu-west-1' }),
  templates,
  expiresAt: '2026-12-02T12:00:00Z',
  sleep: yieldTurn,
  pollMs: 0,
};

beforeEach(() => {
  cfnMock.reset();
  cfn = installCloudFormationDouble(cfnMock);
});

test('the event stack first, then N attendee stacks with at most K in progress at once, each pooled, tagged and parameterized', async () => {
  const sink = pool();
  const progress: number[] = [];
  const result = await provision({
    ...base,
    attendees: 7,
    concurrency: 3,
    state: memoryStateStore(),
    pool: sink,
    onProgress: ({ done }) => progress.push(done),
  });
  assert.equal(cfn.creates[0], 'keyless-evt1');
  assert.equal(cfn.creates.length, 8);
  assert.equal(cfn.maxInProgress, 3, 'never more than K attendee stacks in progress');
  assert.deepEqual(result.pooled, ['a001', 'a002', 'a003', 'a004', 'a005', 'a006', 'a007']);
  assert.equal(sink.entries.length, 7);
  assert.ok(sink.entries.includes('keyless-evt1-a007'));
  assert.equal(progress.at(-1), 7);
  const create = cfnMock.commandCalls(CreateStackCommand).find((call) => call.args[0].input.StackName === 'keyless-evt1-a002')
    ?.args[0].input;
  assert.deepEqual(create?.Parameters, [
    { ParameterKey: 'EventId', ParameterValue: 'evt1' },
    { ParameterKey: 'AttendeeSlot', ParameterValue: 'a002' },
  ]);
  assert.deepEqual(
    create.Tags?.map((tag) => `${tag.Key ?? ''}=${tag.Value ?? ''}`),
    ['keyless:project=keyless', 'keyless:event=evt1', 'keyless:expires-at=2026-12-02T12:00:00Z', 'keyless:attendee-slot=a002'],
  );
  assert.ok(create.Capabilities?.includes('CAPABILITY_NAMED_IAM'));
});

test('a throttled CreateStack is retried with exponential backoff and jitter, and the stack still gets created', async () => {
  cfn.throttleNextCreate.push('keyless-evt1-a002', 'keyless-evt1-a002', 'keyless-evt1-a002');
  const delays: number[] = [];
  const result = await provision({
    ...base,
    attendees: 2,
    concurrency: 2,
    state: memoryStateStore(),
    pool: pool(),
    backoff: { random: () => 0.5, baseMs: 100, onRetry: (_error, _attempt, delay) => delays.push(delay) },
  });
  assert.deepEqual(delays, [50, 100, 200], 'half (the jitter) of 100, 200, 400 ms');
  assert.deepEqual(result.pooled, ['a001', 'a002']);
});

test('backoff gives up after its attempts and never retries an error that is not throttling', async () => {
  let calls = 0;
  const throttle = (): Promise<never> => {
    calls += 1;
    return Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' }));
  };
  await assert.rejects(withBackoff(throttle, { attempts: 4, sleep: () => Promise.resolve() }), { name: 'TooManyRequestsException' });
  assert.equal(calls, 4);
  calls = 0;
  const denied = (): Promise<never> => {
    calls += 1;
    return Promise.reject(Object.assign(new Error('no'), { name: 'AccessDeniedException' }));
  };
  await assert.rejects(withBackoff(denied, { sleep: () => Promise.resolve() }), { name: 'AccessDeniedException' });
  assert.equal(calls, 1);
});

test('after a crash the next run resumes: pooled slots are not touched, a stack created before the crash is pooled without a second CreateStack', async () => {
  const state = memoryStateStore({
    eventId: 'evt1',
    attendees: 5,
    eventStack: 'ready',
    slots: {
      a001: { status: 'pooled' },
      a002: { status: 'pooled' },
      a003: { status: 'deploying' },
      a004: { status: 'pending' },
      a005: { status: 'failed', error: 'earlier failure' },
    },
  });
  cfn.stacks.set('keyless-evt1', { status: 'CREATE_COMPLETE', polls: 0, tags: [] });
  cfn.stacks.set('keyless-evt1-a001', { status: 'CREATE_COMPLETE', polls: 0, tags: [] });
  cfn.stacks.set('keyless-evt1-a002', { status: 'CREATE_COMPLETE', polls: 0, tags: [] });
  // The crashed run had sent CreateStack for a003; CloudFormation carried on without it.
  cfn.stacks.set('keyless-evt1-a003', { status: 'CREATE_IN_PROGRESS', polls: 0, tags: [] });
  const sink = pool();
  const result = await provision({ ...base, attendees: 5, concurrency: 2, state, pool: sink });
  assert.deepEqual(cfn.creates, ['keyless-evt1-a004', 'keyless-evt1-a005']);
  assert.deepEqual(sink.entries.sort(), ['keyless-evt1-a003', 'keyless-evt1-a004', 'keyless-evt1-a005']);
  assert.deepEqual(result.pooled, ['a001', 'a002', 'a003', 'a004', 'a005']);
  assert.deepEqual(result.failed, []);
});

test('a run stopped midway (Ctrl-C) leaves a state the next run completes, and running again changes nothing', async () => {
  const state = memoryStateStore();
  const stop = new AbortController();
  const sink = pool();
  const first = await provision({
    ...base,
    attendees: 6,
    concurrency: 1,
    state,
    pool: sink,
    signal: stop.signal,
    onProgress: ({ done }) => {
      if (done === 2) stop.abort();
    },
  });
  assert.deepEqual(first.pooled, ['a001', 'a002']);
  assert.equal(first.skipped.length, 4);
  const second = await provision({ ...base, attendees: 6, concurrency: 3, state, pool: sink });
  assert.equal(second.pooled.length, 6);
  const creates = cfn.creates.length;
  const third = await provision({ ...base, attendees: 6, concurrency: 3, state, pool: sink });
  assert.equal(third.pooled.length, 6);
  assert.equal(cfn.creates.length, creates, 'idempotent: nothing created the third time');
  assert.equal(sink.entries.length, 6);
});

test('a stack that rolls back is reported as failed and not pooled; the next run deletes and recreates it', async () => {
  cfn.failCreate.add('keyless-evt1-a002');
  const state = memoryStateStore();
  const sink = pool();
  const first = await provision({ ...base, attendees: 3, concurrency: 3, state, pool: sink });
  assert.deepEqual(first.pooled, ['a001', 'a003']);
  assert.match(first.failed[0]?.error ?? '', /keyless-evt1-a002 did not create: ROLLBACK_COMPLETE/);
  cfn.failCreate.clear();
  const second = await provision({ ...base, attendees: 3, concurrency: 3, state, pool: sink });
  assert.deepEqual(second.pooled, ['a001', 'a002', 'a003']);
  assert.equal(cfn.creates.filter((name) => name === 'keyless-evt1-a002').length, 2);
});
