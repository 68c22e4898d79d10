import type { APIRoute } from 'astro';
import { json } from '../../../server/api.ts';
import { INSTRUCTOR_COOKIE } from '../../../server/session-cookie.ts';

/** Ends the instructor session on the server, not just in this browser. */
export const POST: APIRoute = (context) => {
  const token = context.cookies.get(INSTRUCTOR_COOKIE)?.value;
  if (token) context.locals.runtime.instructors.logout(token);
  context.cookies.delete(INSTRUCTOR_COOKIE, { path: '/' });
  return json(200, { next: '/instructor/login' });
};
