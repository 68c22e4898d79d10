import type { APIRoute } from 'astro';
import { bodyOf, clientOf, json } from '../../../server/api.ts';
import { SESSION_COOKIE, sessionCookieOptions } from '../../../server/session-cookie.ts';

/**
 * Join an event: access code + display name (+ resume secret to continue on
 * another device; + optionally the table they sit at, from the card's QR). Sets the attendee cookie and, in local mode, creates the
 * sandbox before answering, so the first lab page is ready to Run.
 */
export const POST: APIRoute = async (context) => {
  const body = await bodyOf(context);
  if (body instanceof Response) return body;
  const { runtime } = context.locals;
  const outcome = runtime.events.join.join(
    { code: body.code, displayName: body.displayName, resumeSecret: body.resumeSecret, table: body.table },
    clientOf(context),
  );
  if (!outcome.ok) {
    const response = json(outcome.status, { error: outcome.message, reason: outcome.reason });
    if (outcome.retryAfterMs) response.headers.set('retry-after', String(Math.ceil(outcome.retryAfterMs / 1000)));
    return response;
  }
  context.cookies.set(SESSION_COOKIE, outcome.sessionToken, sessionCookieOptions(context.url));
  if (outcome.sandboxStatus === 'ready' && outcome.event.sandboxMode === 'local') {
    // The join is committed: answer with the resume secret even if provisioning hiccups (the first Run provisions again).
    await runtime
      .prepareSandbox(outcome.attendee.id)
      .catch((error: unknown) => console.error(`Sandbox for ${outcome.attendee.id} not ready at join:`, error));
  }
  return json(200, {
    eventName: outcome.event.name,
    displayName: outcome.attendee.displayName,
    resumed: outcome.resumed,
    sandboxStatus: outcome.sandboxStatus,
    // Shown once: only its hash is stored.
    ...(outcome.resumeSecret ? { resumeSecret: outcome.resumeSecret } : {}),
    next: outcome.sandboxStatus === 'waiting' ? '/join/wait' : '/',
  });
};
