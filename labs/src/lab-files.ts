import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LabContentError } from './errors.ts';
import type { LabFiles } from './lab-code.ts';

/**
 * Reads a lab's starter/ and solution/, each with the lab's shared/ merged in:
 * a file the attendee never changes (a CSR builder, a signing helper) is
 * written once in shared/ and is part of both. A path may be in shared/ or in
 * starter/ and solution/, never both, so no copy can silently win.
 */
export function readLabFiles(dir: string): LabFiles {
  const shared = readTree(join(dir, 'shared'));
  const own = { starter: readTree(join(dir, 'starter')), solution: readTree(join(dir, 'solution')) };
  for (const [folder, files] of Object.entries(own)) {
    for (const name of Object.keys(files)) {
      if (name in shared) {
        throw new LabContentError({
          file: join(dir, folder, name),
          message: `is also in shared/ (shared/${name})`,
          hint: `keep one: delete ${folder}/${name} if it is the same for starter and solution, or move shared/${name} into starter/ and solution/ if they differ`,
        });
      }
    }
  }
  return { starter: { ...shared, ...own.starter }, solution: { ...shared, ...own.solution } };
}

/** The files under `root` (none if it does not exist), path relative to it with `/` → content. */
function readTree(root: string): Record<string, string> {
  if (!existsSync(root)) return {};
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[relative(root, full).split('\\').join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return files;
}
