import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { commonFilesReached } from './common-files-reached.ts';
import { LabContentError } from './errors.ts';
import type { LabFiles } from './lab-code.ts';

/** The folder beside the labs whose files any lab may import (`not-done.ts`, `signed-fetch.ts`, `csr.ts`), so a helper several labs use is written once; a lab gets those it imports. */
export const COMMON_FOLDER = '_shared';

/** Files of the common folder that describe it to editors and readers; they are not lab code. */
const COMMON_FOLDER_META = new Set(['tsconfig.json', 'README.md']);

/**
 * Reads a lab's starter/ and solution/, each with the lab's shared/ and the
 * files of the labs' common `../_shared/` it imports merged in: a file the attendee never changes (a
 * CSR builder, a signing helper, `notDoneYet`) is written once and is part of
 * both. A path may be in one of these places only, so no copy can silently
 * win. Everything that reads lab files (the runner, the editor's file models,
 * the checker, the tests) gets them from here, through the loader.
 */
export function readLabFiles(dir: string, commonDir = join(dirname(dir), COMMON_FOLDER)): LabFiles {
  const common = readTree(commonDir, COMMON_FOLDER_META);
  const shared = readTree(join(dir, 'shared'));
  const own = { starter: readTree(join(dir, 'starter')), solution: readTree(join(dir, 'solution')) };
  const places: [string, Record<string, string>][] = [
    ['shared', shared],
    ['starter', own.starter],
    ['solution', own.solution],
  ];
  for (const [folder, files] of places) {
    for (const name of Object.keys(files)) {
      if (name in common) {
        throw new LabContentError({
          file: join(dir, folder, name),
          message: `is also in the labs' common ${COMMON_FOLDER}/ (${join(commonDir, name)})`,
          hint: `keep one: any lab may import ${COMMON_FOLDER}/${name}, so delete ${folder}/${name} or give it another name`,
        });
      }
      if (folder !== 'shared' && name in shared) {
        throw new LabContentError({
          file: join(dir, folder, name),
          message: `is also in shared/ (shared/${name})`,
          hint: `keep one: delete ${folder}/${name} if it is the same for starter and solution, or move shared/${name} into starter/ and solution/ if they differ`,
        });
      }
    }
  }
  // Starter and solution get the same common files: a step's partial solution lies between them.
  const reached = commonFilesReached(
    common,
    [shared, own.starter, own.solution].flatMap((files) => Object.values(files)),
  );
  return { starter: { ...reached, ...shared, ...own.starter }, solution: { ...reached, ...shared, ...own.solution } };
}

/** The files under `root` (none if it does not exist) but `skip`, path relative to it with `/` → content. */
function readTree(root: string, skip: ReadonlySet<string> = new Set()): Record<string, string> {
  if (!existsSync(root)) return {};
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const name = relative(root, full).split('\\').join('/');
      if (skip.has(name)) continue;
      if (entry.isDirectory()) walk(full);
      else files[name] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return files;
}
