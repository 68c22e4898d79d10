import type { APIContext } from 'astro';
import type { Lab } from '@keyless/labs';
import type { Attendee } from './store/index.ts';

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

/** Parses a JSON body, answering 400 with a clear message when it is not JSON. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return (await request.json()) as unknown;
  } catch {
    throw new BadRequest('The request body is not valid JSON.');
  }
}

export class BadRequest extends Error {}
