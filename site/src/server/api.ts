import type { APIContext } from 'astro';
import type { Lab } from '@keyless/labs';
import { JsonBodyError, parseJsonBounded, readTextCapped } from './json-body.ts';
import type { SandboxRefusal } from './events/index.ts';
import type { Attendee, Instructor } from './store/index.ts';

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
}

/** The attendee (set by the middleware) and the lab named in the URL, or an error response. */
export function attendeeAndLab(context: APIContext): { attendee: Attendee; lab: Lab } | Response {
  const { attendee, runtime } = context.locals;
  if (!attendee) return json(401, { error: 'No attendee session.' });
  const lab = runtime.findLab(context.params.lab ?? '');
  if (!lab) return json(404, { error: `No lab "${context.params.lab ?? ''}".` });
  return { attendee, lab };
}

/** Parses a JSON body (bounded in size and nesting), throwing BadRequest with a clear message and status when it will not do. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return parseJsonBounded(await readTextCapped(request));
  } catch (error) {
    if (error instanceof JsonBodyError) throw new BadRequest(error.message, error.status);
    // The body stream failed (client went away mid-body): nothing sensible was sent.
    throw new BadRequest('The request body could not be read.');
  }
}

export class BadRequest extends Error {
  /** 400, or 413 for a body over the size limit. */
  readonly status: 400 | 413;
  constructor(message: string, status: 400 | 413 = 400) {
    super(message);
    this.status = status;
  }
}

/** The client's address, the key for rate limits. */
export function clientOf(context: APIContext): string {
  try {
    return context.clientAddress;
  } catch {
    return 'unknown';
  }
}

/** The JSON body, or a 400 response saying it is not JSON. */
export async function bodyOf(context: APIContext): Promise<Record<string, unknown> | Response> {
  try {
    const body = await readJson(context.request);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return json(400, { error: 'Send a JSON object.' });
    return body as Record<string, unknown>;
  } catch (error) {
    if (error instanceof BadRequest) return json(error.status, { error: error.message });
    throw error;
  }
}

/** The signed-in instructor; the middleware has already refused the request without one. */
export function instructorOf(context: APIContext): Instructor {
  const { instructor } = context.locals;
  if (!instructor) throw new Error('instructor API route reached without an instructor session');
  return instructor;
}

/** Maps a service result to a response: the value as JSON, or the error with its status. */
export function fromResult<T>(
  result: { ok: true; value: T } | { ok: false; status: number; message: string },
  wrap: (value: T) => unknown = (value) => value,
): Response {
  return result.ok ? json(200, wrap(result.value)) : json(result.status, { error: result.message });
}

/** Refuses Run and Check when the attendee's event time is up or their sandbox is not assigned yet (or not of a mode this server runs). */
export function sandboxRefusal(context: APIContext, attendee: Attendee): Response | undefined {
  const refusal = context.locals.runtime.events.sandboxRefusal(attendee.id);
  return refusal ? refusalResponse(refusal) : undefined;
}

/**
 * Reads and resets of the attendee's sandbox (the Wire view, the
 * instructor's Reset) while they have none: not assigned yet (AWS mode's
 * empty pool), or of a mode this server does not run. There is nothing to
 * read, and asking the provider for it would throw: a 409 (or a 503 with
 * Retry-After) that says so, in the attendee's words or the instructor's.
 * Time being up does not stop reading, so this is not sandboxRefusal.
 */
export function sandboxNotReady(context: APIContext, attendeeId: string, asker: 'attendee' | 'instructor'): Response | undefined {
  const refusal = context.locals.runtime.events.sandboxUnavailable(attendeeId);
  if (!refusal) return undefined;
  if (asker === 'attendee') return refusalResponse(refusal);
  const message =
    refusal.reason === 'waiting'
      ? 'This attendee’s sandbox is not ready yet: they are waiting for one from the event’s pool, so no Run has reached it.'
      : 'This attendee’s sandbox is not ready yet: their event uses AWS sandboxes, and this server was started without AWS mode (KEYLESS_AWS_REGION, docs/aws.md).';
  return refusalResponse({ ...refusal, message });
}

/** A refusal as JSON, with Retry-After when it says when to ask again. */
function refusalResponse(refusal: SandboxRefusal): Response {
  const response = json(refusal.status, { error: refusal.message });
  if (refusal.retryAfterSeconds !== undefined) response.headers.set('retry-after', String(refusal.retryAfterSeconds));
  return response;
}

/** After a failed AWS call, a few seconds are enough for a throttle to pass or a retry to go through. */
const AWS_RETRY_SECONDS = 10;

/**
 * Answers a route's use of the attendee's sandbox. When the sandbox is in
 * AWS and does not answer (a throttled or failed AWS call, a claimed stack
 * that is gone), that is a 503 with Retry-After saying so, not a 500; it is
 * logged with the route, the attendee id and the AWS error's name and
 * message (which name the call and resource, never a credential). In local
 * mode a failure is a bug and stays one (the safety net logs it as a 500).
 */
export async function answerFromSandbox(
  context: APIContext,
  attendeeId: string,
  asker: 'attendee' | 'instructor',
  answer: () => Promise<Response>,
): Promise<Response> {
  try {
    return await answer();
  } catch (error) {
    const { events } = context.locals.runtime;
    const eventId = events.context.members.byAttendee(attendeeId)?.eventId;
    if (eventId === undefined || events.context.events.get(eventId)?.sandboxMode !== 'aws') throw error;
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.error(`[site] the AWS sandbox of ${attendeeId} did not answer ${context.request.method} ${context.url.pathname}: ${detail}`);
    const response = json(503, {
      error:
        asker === 'attendee'
          ? 'Your sandbox in AWS did not answer just now; try again in a few seconds.'
          : 'This attendee’s sandbox in AWS did not answer just now; try again in a few seconds.',
    });
    response.headers.set('retry-after', String(AWS_RETRY_SECONDS));
    return response;
  }
}
