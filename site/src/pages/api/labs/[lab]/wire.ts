import type { APIRoute } from 'astro';
import { answerFromSandbox, attendeeAndLab, json, sandboxNotReady } from '../../../../server/api.ts';
import { recentRuns, RUN_ID, wireOfRun } from '../../../../server/wire/run-wire.ts';
import type { WireResponse } from '../../../../wire/model.ts';

/**
 * The Wire view of one of the signed-in attendee's Runs of this lab:
 * `?run=<id>` (the id the Run's stream gave), or without it the lab's last
 * Run. Read from the attendee's own evidence log only, so another attendee's
 * Run id finds nothing; evidence never held a secret, so neither does this.
 */
export const GET: APIRoute = async (context) => {
  const found = attendeeAndLab(context);
  if (found instanceof Response) return found;
  const { attendee, lab } = found;
  const labId = lab.definition.id;
  const asked = context.url.searchParams.get('run');
  if (asked !== null && !RUN_ID.test(asked))
    return json(400, { error: 'run must be a Run id as the Run stream gives it (r- and 12 hex digits).' });
  const waiting = sandboxNotReady(context, attendee.id, 'attendee');
  if (waiting) return waiting;
  return answerFromSandbox(context, attendee.id, 'attendee', async () => {
    const evidence = await context.locals.runtime.evidenceOf(attendee.id);
    const run = asked === null ? (await recentRuns(evidence, { labId, runs: 1 }))[0] : await wireOfRun(evidence, asked);
    const body: WireResponse = { run: run?.labId === labId ? run : undefined };
    return json(200, body);
  });
};
