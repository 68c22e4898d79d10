import type { SigningKeyRotation } from '../events/signing-key-rotation.ts';
import { INSTRUCTOR_COOKIE } from '../session-cookie.ts';
import { CSRF_HEADER, csrfTokenFor } from './csrf.ts';
import type { InstructorAuth } from './instructor-auth.ts';

export interface RotateKeysRequest {
  readonly siteUrl: string;
  readonly eventId: string;
  readonly attendeeId?: string;
  /** The instructor the rotation is done (and logged) as. */
  readonly username: string;
}

/**
 * `instructor rotate-keys <event> [--attendee <id>]`: asks the running site
 * to rotate the event's user-pool signing keys. The keys live in the running
 * sandbox (it signs with them), so the rotation must happen there; the CLI
 * goes through the same instructor API as the dashboard, with a session it
 * opens for this one request (from the database, as a login link would) and
 * closes again. Returns the exit code.
 */
export async function rotateKeysCommand(
  request: RotateKeysRequest,
  auth: InstructorAuth,
  io: { out: (line: string) => void; err: (line: string) => void; fetch: typeof fetch },
): Promise<number> {
  const session = auth.redeemLoginLink(auth.loginLinkToken(request.username));
  if (!session) throw new Error('A login link made a moment ago was refused.');
  const url = `${request.siteUrl}/api/instructor/events/${encodeURIComponent(request.eventId)}/signing-keys/rotate`;
  try {
    let response: Response;
    try {
      response = await io.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `${INSTRUCTOR_COOKIE}=${session}`, [CSRF_HEADER]: csrfTokenFor(session) },
        body: JSON.stringify(request.attendeeId === undefined ? {} : { attendeeId: request.attendeeId }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      io.err(
        `The site at ${request.siteUrl} did not answer (${error instanceof Error ? error.message : String(error)}). Is it running? Give its address with --url.`,
      );
      return 1;
    }
    const body = (await response.json().catch(() => ({}))) as Partial<SigningKeyRotation> & { error?: string };
    if (!response.ok) {
      io.err(body.error ?? `The site answered ${response.status}.`);
      return 1;
    }
    const rotated = body.rotated ?? [];
    for (const pool of rotated)
      io.out(
        `${pool.displayName || pool.attendeeId}: user pool ${pool.userPoolId} now signs with kid ${pool.signingKid} (JWKS: ${pool.publishedKids.join(', ')})`,
      );
    for (const member of body.skipped ?? []) io.out(`${member.displayName || member.attendeeId}: no sandbox yet, nothing to rotate`);
    io.out(
      rotated.length === 0
        ? 'No user pool was rotated.'
        : `Rotated ${rotated.length} user pool${rotated.length === 1 ? '' : 's'}. Tokens issued before keep verifying until they expire.`,
    );
    return 0;
  } finally {
    auth.logout(session);
  }
}
