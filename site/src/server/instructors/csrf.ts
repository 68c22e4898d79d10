import { createHash } from 'node:crypto';
import { constantTimeEqual } from '@keyless/local-sandbox/crypto';

/**
 * CSRF token for instructor writes, bound to the session: a hash of the
 * session token. A page of ours can read it (it is in the dashboard's HTML);
 * another site cannot, because it can read neither our pages nor the
 * HttpOnly cookie. Instructor writes need it on top of SameSite=Strict, the
 * Origin check and JSON-only bodies, so a single browser quirk is not enough.
 */
export const CSRF_HEADER = 'x-csrf-token';

export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`keyless-csrf:${sessionToken}`).digest('base64url');
}

export function csrfTokenMatches(sessionToken: string, presented: string | null): boolean {
  if (!presented) return false;
  return constantTimeEqual(csrfTokenFor(sessionToken), presented);
}
