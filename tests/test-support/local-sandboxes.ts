import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { checkLab, type LabReport } from '@keyless/checker';
import { loadLabs, templatePackages, type Lab } from '@keyless/labs';
import type { RunResult } from '@keyless/labs/sandbox';
import { createLocalSandboxes, type LocalSandboxes, type LocalSandboxesOptions } from '@keyless/local-sandbox';
import { freshDataDir, labsDir, repoRoot } from './repo.ts';

/** The repository's labs. */
export const repoLabs = (): Lab[] => loadLabs(labsDir);

/** Local mode's sandboxes on a fresh data dir (or the given one), warmed with the lab template's packages as the site does. */
export function startLocalSandboxes(options: Partial<LocalSandboxesOptions> = {}): Promise<LocalSandboxes> {
  return createLocalSandboxes({
    dataDir: freshDataDir(),
    nodeModulesDir: join(repoRoot, 'node_modules'),
    warmImports: templatePackages(labsDir),
    ...options,
  });
}

/** A new attendee id, in the site's form. */
export const newAttendeeId = (): string => `att_${randomUUID().replaceAll('-', '')}`;

/** Runs files as the attendee's Run of the lab, then judges the lab's checks against their sandbox. */
export async function runAndCheck(
  sandboxes: LocalSandboxes,
  attendeeId: string,
  lab: Lab,
  files: Readonly<Record<string, string>>,
): Promise<{ run: RunResult; report: LabReport }> {
  const sandbox = await sandboxes.provider.forAttendee(attendeeId);
  const run = await sandbox.instance.run({ files, entry: lab.definition.entry, labId: lab.definition.id });
  return { run, report: await checkLab({ lab, sandbox }) };
}
