import type { APIRoute } from 'astro';
import { partialSolution } from '@keyless/labs';
import { attendeeAndLab, json } from '../../../../server/api.ts';

/**
 * After the instructor unlocked "up to step N" for this attendee: the lab's
 * code as it stands after step N (the starter with steps 1..N's regions
 * solved), so they can continue at step N+1 with its TODOs still to do.
 */
export const GET: APIRoute = (context) => {
  const found = attendeeAndLab(context);
  if (found instanceof Response) return found;
  const unlock = context.locals.runtime.events
    .view(found.attendee.id)
    ?.unlocks.find((candidate) => candidate.labId === found.lab.definition.id);
  if (!unlock) return json(403, { error: 'Your instructor has not unlocked any step of this lab for you.' });
  return json(200, { upToStep: unlock.upToStep, files: partialSolution(found.lab, unlock.upToStep) });
};
