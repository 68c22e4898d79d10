import type { APIRoute } from 'astro';
import { answerFromSandbox, json, sandboxNotReady } from '../../../../../../../server/api.ts';
import { recentRuns } from '../../../../../../../server/wire/run-wire.ts';

/** How many of an attendee's last Runs the instructor sees. */
const LAST_RUNS = 3;

/**
 * The Wire view of one attendee's last Runs, for the instructor helping at
 * their table: the same entries the attendee sees, newest first, of one lab
 * (`?lab=<id>`) or of any.
 * Only an attendee of this event; the middleware has checked the instructor.
 */
export const GET: APIRoute = async (context) => {
  const attendeeId = context.params.attendee ?? '';
  const detail = context.locals.runtime.events.attendees.detail(context.params.event ?? '', attendeeId);
  if (!detail) return json(404, { error: 'No such attendee in this event.' });
  const labId = context.url.searchParams.get('lab');
  if (labId !== null && !context.locals.runtime.findLab(labId)) return json(404, { error: `No lab "${labId}".` });
  const waiting = sandboxNotReady(context, attendeeId, 'instructor');
  if (waiting) return waiting;
  return answerFromSandbox(context, attendeeId, 'instructor', async () => {
    const runs = await recentRuns(await context.locals.runtime.evidenceOf(attendeeId), {
      runs: LAST_RUNS,
      ...(labId === null ? {} : { labId }),
    });
    return json(200, { runs });
  });
};
