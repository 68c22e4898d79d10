import type { APIRoute } from 'astro';
import { bodyOf, fromResult, instructorOf, json } from '../../../../../../server/api.ts';
import { formatAccessCode } from '../../../../../../server/events/index.ts';
import { firstIssue, namedCodesInput } from '../../../../../../server/events/event-input.ts';

/** Single-use codes for named attendees, one per name. */
export const POST: APIRoute = async (context) => {
  const body = await bodyOf(context);
  if (body instanceof Response) return body;
  const input = namedCodesInput.safeParse(body);
  if (!input.success) return json(400, { error: firstIssue(input.error) });
  const result = context.locals.runtime.events.service.issueNamedCodes(
    context.params.event ?? '',
    input.data.names,
    instructorOf(context).id,
  );
  return fromResult(result, (codes) => ({ codes: codes.map((code) => ({ label: code.label, code: formatAccessCode(code.code) })) }));
};
