import type { APIRoute } from 'astro';
import { attendeeAndLab, json, sandboxRefusal } from '../../../../server/api.ts';
import { labUsesBrowser } from '../../../../server/browser-runs.ts';

/**
 * The environment of one browser Run (a WebContainer on the lab page): the
 * attendee's sandbox outputs and, for labs that sign AWS calls, a 15-minute
 * session of their own instance role. Never a long-lived key, never secrets
 * another lab needs; sent in the body (no-store), never in a URL. Local-mode
 * sandboxes only.
 */
export const POST: APIRoute = async (context) => {
  const found = attendeeAndLab(context);
  if (found instanceof Response) return found;
  const { attendee, lab } = found;
  const refused = sandboxRefusal(context, attendee);
  if (refused) return refused;
  const { browserRuns, events } = context.locals.runtime;
  if (!browserRuns) return json(404, { error: 'This server runs code on your sandbox instance only.' });
  // Browser Runs reach local mode's emulator: an attendee whose sandbox is in AWS would get a local sandbox's
  // environment and credentials, and their Runs would leave evidence where their Checks never look.
  const eventId = events.view(attendee.id)?.eventId;
  if (eventId !== undefined && events.context.events.get(eventId)?.sandboxMode === 'aws')
    return json(409, { error: 'Your sandbox is in AWS: your Runs go to your sandbox instance, not to the browser.' });
  if (!labUsesBrowser(lab))
    return json(409, { error: `Lab "${lab.definition.id}" runs on your sandbox instance only (it needs IMDS or a client certificate).` });
  return json(200, await browserRuns.session(attendee.id, lab));
};
