import type { APIRoute } from 'astro';
import { fromResult, instructorOf, json } from '../../../../../../../server/api.ts';
import { formatAccessCode, parseAccessCode } from '../../../../../../../server/events/index.ts';

/** Withdraws one code (shared or named); already-joined attendees are unaffected. */
export const POST: APIRoute = (context) => {
  const parsed = parseAccessCode(context.params.code ?? '');
  if (!parsed.ok) return json(400, { error: 'Not an access code.' });
  const result = context.locals.runtime.events.service.revokeCode(context.params.event ?? '', parsed.code, instructorOf(context).id);
  return fromResult(result, (code) => ({ code: formatAccessCode(code.code), status: code.status }));
};
