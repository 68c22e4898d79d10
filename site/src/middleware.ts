import { defineMiddleware } from 'astro:middleware';
import { SESSION_COOKIE, sessionCookieOptions } from './server/session-cookie.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every request: resolve the attendee from the session cookie (a page visit
 * without one starts a self-paced attendee), guard API writes against
 * cross-site requests, and set security headers.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  if (import.meta.env.DEV && !context.locals.runtime) {
    const { devRuntime } = await import('./server/dev-runtime.ts');
    context.locals.runtime = await devRuntime();
  }
  const { runtime } = context.locals;
  const isApi = context.url.pathname.startsWith('/api/');
  const token = context.cookies.get(SESSION_COOKIE)?.value;
  let attendee = token ? runtime.attendees.resolveSession(token) : undefined;

  if (isApi) {
    if (STATE_CHANGING.has(context.request.method)) {
      const origin = context.request.headers.get('origin');
      if (origin !== null && origin !== context.url.origin) return jsonError(403, 'Cross-site request refused.');
      if (!context.request.headers.get('content-type')?.startsWith('application/json')) {
        return jsonError(415, 'Send JSON (Content-Type: application/json).');
      }
    }
    if (!attendee) return jsonError(401, 'No attendee session: open the site in this browser first.');
  } else if (!attendee && context.request.method === 'GET') {
    const created = runtime.attendees.createSelfPaced();
    attendee = created.attendee;
    context.cookies.set(SESSION_COOKIE, created.token, sessionCookieOptions(context.url));
  }
  if (attendee) context.locals.attendee = attendee;

  const response = await next();
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'same-origin');
  response.headers.set('x-frame-options', 'DENY');
  if (!isApi) {
    response.headers.set(
      'content-security-policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    );
  }
  return response;
});

function jsonError(status: number, message: string): Response {
  return new Response(JSON.stringify({ error: message }), { status, headers: { 'content-type': 'application/json' } });
}
