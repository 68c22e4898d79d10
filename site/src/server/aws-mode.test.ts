import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RunRefusedError, type Sandbox, type SandboxProvider } from '@keyless/labs/sandbox';
import { sandboxesByEventMode, type AwsSandboxLocation } from './aws-mode.ts';
import { testEvents } from './events/test-support/test-events.ts';

const CLIENT = '198.51.100.7';

/** A provider that records who asked it for what; its sandboxes are tokens naming the provider and attendee. */
function recordingProvider(name: string): SandboxProvider & { calls: string[] } {
  const calls: string[] = [];
  return {
    mode: 'local',
    calls,
    forAttendee: (attendeeId) => {
      calls.push(`forAttendee ${attendeeId}`);
      return Promise.resolve({ name } as unknown as Sandbox);
    },
    reset: (attendeeId) => {
      calls.push(`reset ${attendeeId}`);
      return Promise.resolve();
    },
  };
}

function setUp(): {
  events: ReturnType<typeof testEvents>;
  local: ReturnType<typeof recordingProvider>;
  aws: ReturnType<typeof recordingProvider>;
  located: (AwsSandboxLocation | undefined)[];
  sandboxes: SandboxProvider;
} {
  const events = testEvents();
  const local = recordingProvider('local');
  const aws = recordingProvider('aws');
  const located: (AwsSandboxLocation | undefined)[] = [];
  const sandboxes = sandboxesByEventMode(
    local,
    (locate) => ({
      ...aws,
      forAttendee: (attendeeId) => {
        located.push(locate(attendeeId));
        return aws.forAttendee(attendeeId);
      },
    }),
    events.context,
  );
  return { events, local, aws, located, sandboxes };
}

test('an attendee waiting for an AWS sandbox: asking for it is a rejected promise saying it is not ready yet, and a reset has nothing to do', async () => {
  const { events, local, aws, sandboxes } = setUp();
  const { code } = events.event({ sandboxMode: 'aws' });
  const joined = events.join.join({ code, displayName: 'Carol' }, CLIENT);
  assert.ok(joined.ok);
  assert.equal(joined.sandboxStatus, 'waiting');
  const asked = sandboxes.forAttendee(joined.attendee.id); // must not throw before there is a promise
  await assert.rejects(asked, (error: Error) => error instanceof RunRefusedError && /not ready yet/.test(error.message));
  await sandboxes.reset(joined.attendee.id);
  assert.deepEqual(aws.calls, [], 'no AWS call for an attendee without a sandbox');
  assert.deepEqual(local.calls, [], 'and never local mode in its place');
});

test('once the attendee claims a sandbox, it and its reset come from the AWS provider at that pool entry; self-paced attendees stay local', async () => {
  const { events, local, aws, located, sandboxes } = setUp();
  const { id, code } = events.event({ sandboxMode: 'aws' });
  const joined = events.join.join({ code, displayName: 'Carol' }, CLIENT);
  assert.ok(joined.ok);
  events.context.pool.add(id, 'sbx-1', events.clock.now);
  assert.equal(events.join.refreshSandbox(joined.attendee.id)?.status, 'ready');
  assert.deepEqual(await sandboxes.forAttendee(joined.attendee.id), { name: 'aws' });
  assert.deepEqual(located, [{ eventId: id, sandboxId: 'sbx-1' }]);
  await sandboxes.reset(joined.attendee.id);
  assert.deepEqual(aws.calls, [`forAttendee ${joined.attendee.id}`, `reset ${joined.attendee.id}`]);
  const selfPaced = events.attendeesStore.createSelfPaced().attendee;
  assert.deepEqual(await sandboxes.forAttendee(selfPaced.id), { name: 'local' });
  await sandboxes.reset(selfPaced.id);
  assert.deepEqual(local.calls, [`forAttendee ${selfPaced.id}`, `reset ${selfPaced.id}`]);
});
