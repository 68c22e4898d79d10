import type { APIRoute } from 'astro';
import { bodyOf, clientOf, json } from '../../../server/api.ts';
import { INSTRUCTOR_COOKIE, instructorCookieOptions } from '../../../server/session-cookie.ts';

/** Username + password → instructor session cookie. Failures are rate-limited per username and per client. */
export const POST: APIRoute = async (context) => {
  const { instructors } = context.locals.runtime;
  const client = clientOf(context);
  const body = await bodyOf(context);
  if (body instanceof Response) return body;
  const { username, password } = body;
  if (typeof username !== 'string' || typeof password !== 'string') return json(400, { error: 'Send a username and a password.' });
  const wait = instructors.retryAfterMs(client, username);
  if (wait > 0) {
    const limited = json(429, {
      error: `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60_000)} minutes, or use a one-time login link (npm run instructor -- link).`,
    });
    limited.headers.set('retry-after', String(Math.ceil(wait / 1000)));
    return limited;
  }
  const token = await instructors.login(username, password, client);
  if (!token) return json(401, { error: 'Wrong username or password.' });
  context.cookies.set(INSTRUCTOR_COOKIE, token, instructorCookieOptions(context.url));
  return json(200, { next: '/instructor/' });
};
