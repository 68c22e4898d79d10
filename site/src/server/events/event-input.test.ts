import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SANDBOX_MODES } from '@keyless/labs/sandbox';
import { newEventInput } from './event-input.ts';

const event = (sandboxMode: string) => ({ name: 'Session', startsAt: 1, endsAt: 2, labs: ['lab'], sandboxMode, capacity: 10 });

test('an event takes exactly the sandbox modes of the contract', () => {
  for (const mode of SANDBOX_MODES) assert.equal(newEventInput.safeParse(event(mode)).success, true, mode);
  for (const mode of ['', 'LOCAL', 'gcp', 'aws-pool']) assert.equal(newEventInput.safeParse(event(mode)).success, false, mode);
});
