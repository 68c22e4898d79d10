import assert from 'node:assert/strict';
import { LOCAL_INSTRUCTOR } from '@keyless/site/instructors';
import type { startTestServer } from '@keyless/site/test-server';
import { HttpClient, signInInstructor } from './http-client.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** A client (one browser) signed in as the server's local instructor. */
export async function signedInInstructor(server: TestServer): Promise<HttpClient> {
  const instructor = new HttpClient(server.site.url);
  await signInInstructor(instructor, server.runtime.instructors.loginLinkToken(LOCAL_INSTRUCTOR));
  return instructor;
}

/** Creates, through the instructor API, a local-mode event for ten with the given labs, open from now for an hour. */
export async function createLocalEvent(
  instructor: HttpClient,
  name: string,
  labs: readonly string[],
): Promise<{ event: { id: string }; code: string }> {
  const now = Date.now();
  const created = await instructor.post('/api/instructor/events', {
    name,
    startsAt: now,
    endsAt: now + 3_600_000,
    labs,
    sandboxMode: 'local',
    capacity: 10,
    stuckAfterMinutes: 10,
  });
  assert.equal(created.status, 200, created.text);
  return created.json<{ event: { id: string }; code: string }>();
}
