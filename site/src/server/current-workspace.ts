import type { Lab } from '@keyless/labs';
import type { WorkspaceFiles } from './store/index.ts';

/**
 * The attendee's saved files as the lab has them now: a file the lab gained
 * since they saved (the labs' common not-done.ts, say) comes from the
 * starter, and a file it no longer has is dropped, so code saved before an
 * upgrade still Runs (the run route refuses a workspace missing a lab file).
 */
export function currentWorkspace(lab: Pick<Lab, 'starter'>, saved: WorkspaceFiles | undefined): WorkspaceFiles {
  if (saved === undefined) return lab.starter;
  return Object.fromEntries(Object.entries(lab.starter).map(([name, starter]) => [name, saved[name] ?? starter]));
}
