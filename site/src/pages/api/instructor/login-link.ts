import type { APIRoute } from 'astro';
import { bodyOf, json } from '../../../server/api.ts';
import { INSTRUCTOR_COOKIE, instructorCookieOptions } from '../../../server/session-cookie.ts';

/**
 * Exchanges a one-time login-link token (read by the login page from the
 * URL fragment, which never reaches the server or its logs) for a session.
 * Not rate-limited: attendees' failures from the same address must never
 * keep the instructor out (see InstructorAuth).
 */
export const POST: APIRoute = async (context) => {
  const { instructors } = context.locals.runtime;
  const body = await bodyOf(context);
  if (body instanceof Response) return body;
  const token = typeof body.token === 'string' ? instructors.redeemLoginLink(body.token) : undefined;
  if (!token) {
    return json(401, {
      error:
        'This login link has already been used or has expired (links work once, for 15 minutes). Restart `npm start` or run `npm run instructor -- link` for a new one.',
    });
  }
  context.cookies.set(INSTRUCTOR_COOKIE, token, instructorCookieOptions(context.url));
  return json(200, { next: '/instructor/' });
};
