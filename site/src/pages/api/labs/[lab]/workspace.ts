import type { APIRoute } from 'astro';
import { currentWorkspace } from '../../../../server/current-workspace.ts';
import { validateWorkspaceFiles } from '../../../../server/runtime.ts';
import { attendeeAndLab, BadRequest, json, readJson } from '../../../../server/api.ts';

/** The attendee's saved code for the lab (the starter if nothing is saved yet). */
export const GET: APIRoute = (context) => {
  const found = attendeeAndLab(context);
  if (found instanceof Response) return found;
  const saved = context.locals.runtime.workspaces.get(found.attendee.id, found.lab.definition.id);
  return json(200, { files: currentWorkspace(found.lab, saved), saved: saved !== undefined });
};

/** Saves the editor's content (autosave). */
export const PUT: APIRoute = async (context) => {
  const found = attendeeAndLab(context);
  if (found instanceof Response) return found;
  try {
    const files = validateWorkspaceFiles(found.lab, ((await readJson(context.request)) as { files?: unknown } | null)?.files);
    if (typeof files === 'string') return json(400, { error: files });
    context.locals.runtime.workspaces.save(found.attendee.id, found.lab.definition.id, files, Date.now());
    return new Response(null, { status: 204 });
  } catch (error) {
    if (error instanceof BadRequest) return json(error.status, { error: error.message });
    throw error;
  }
};

/** Reset: forgets the attendee's code and answers with the starter. */
export const DELETE: APIRoute = (context) => {
  const found = attendeeAndLab(context);
  if (found instanceof Response) return found;
  context.locals.runtime.workspaces.delete(found.attendee.id, found.lab.definition.id);
  return json(200, { files: found.lab.starter });
};
