import { defineMiddleware } from 'astro:middleware';
import { browserRunnerStep, ISOLATION_HEADERS, WEBCONTAINER_ORIGIN } from './server/cross-origin-isolation.ts';
import { CSRF_HEADER, csrfTokenFor, csrfTokenMatches } from './server/instructors/csrf.ts';
import { areaOf } from './server/request-areas.ts';
import { INSTRUCTOR_COOKIE, SESSION_COOKIE, sessionCookieOptions } from './server/session-cookie.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every request: resolve the attendee and the instructor from their separate
 * cookies (a lab page visit without one starts a self-paced attendee), guard
 * API writes against cross-site requests, require an instructor session (and
 * its CSRF token on writes) for the instructor API, and set security headers.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  // `astro dev` does not go through serve.ts, so there the runtime is not set yet, whatever the locals' type says.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  if (import.meta.env.DEV && !context.locals.runtime) {
    const { devRuntime } = await import('./server/dev-runtime.ts');
    context.locals.runtime = await devRuntime();
  }
  const { runtime } = context.locals;
  const area = areaOf(context.url.pathname);
  const isApi = area.endsWith('api');
  const token = context.cookies.get(SESSION_COOKIE)?.value;
  let attendee = token ? runtime.attendees.resolveSession(token) : undefined;
  const instructorToken = context.cookies.get(INSTRUCTOR_COOKIE)?.value;
  const instructor = instructorToken ? runtime.instructors.resolveSession(instructorToken) : undefined;
  if (instructor && instructorToken) {
    context.locals.instructor = instructor;
    context.locals.csrfToken = csrfTokenFor(instructorToken);
  }

  if (isApi) {
    const writes = STATE_CHANGING.has(context.request.method);
    if (writes) {
      const origin = context.request.headers.get('origin');
      if (origin !== null && origin !== context.url.origin) return jsonError(403, 'Cross-site request refused.');
      if (!context.request.headers.get('content-type')?.startsWith('application/json')) {
        return jsonError(415, 'Send JSON (Content-Type: application/json).');
      }
    }
    if (area === 'instructor-api') {
      if (!instructor || !instructorToken) return jsonError(401, 'Sign in as an instructor first.');
      if (writes && !csrfTokenMatches(instructorToken, context.request.headers.get(CSRF_HEADER))) {
        return jsonError(403, 'Missing or wrong CSRF token: reload the dashboard and try again.');
      }
    } else if (area === 'attendee-api' && !attendee) {
      return jsonError(401, 'No attendee session: open the site in this browser first.');
    }
  } else if (!attendee && context.request.method === 'GET' && area === 'page') {
    const created = runtime.attendees.createSelfPaced();
    attendee = created.attendee;
    context.cookies.set(SESSION_COOKIE, created.token, sessionCookieOptions(context.url));
  }
  if (attendee) context.locals.attendee = attendee;

  // An event attendee still waiting for an AWS sandbox waits on the join page, not in a lab.
  if (
    attendee &&
    area === 'page' &&
    context.url.pathname.startsWith('/labs/') &&
    runtime.events.view(attendee.id)?.sandboxStatus === 'waiting'
  ) {
    return context.redirect('/join/wait', 302);
  }

  const response = await next();
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'same-origin');
  response.headers.set('x-frame-options', 'DENY');
  // Pages with codes, names and tokens are never cached, by the browser or anyone in between.
  if (area !== 'page' && !response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
  if (!isApi) {
    // A lab step that may Run in the browser is cross-origin isolated and may frame the WebContainer runtime; no other page.
    const isolated =
      area === 'page' &&
      browserRunnerStep(context.url.pathname, (id) => runtime.findLab(id), runtime.browserRuns !== undefined) !== undefined;
    if (isolated) for (const [name, value] of Object.entries(ISOLATION_HEADERS)) response.headers.set(name, value);
    response.headers.set(
      'content-security-policy',
      `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; frame-src ${isolated ? WEBCONTAINER_ORIGIN : "'none'"}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`,
    );
  }
  return response;
});

function jsonError(status: number, message: string): Response {
  return new Response(JSON.stringify({ error: message }), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}
