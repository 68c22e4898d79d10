import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import { join } from 'node:path';
import { LAUNCHER_MODULE, PRELOAD_MODULE } from './jail.ts';

/**
 * Writes the preload and the launcher as JavaScript into `dir`. They are
 * written in TypeScript like the rest of the project, but a jailed process
 * that loads one `.ts` file loads Node's whole type stripper for it (150–450
 * ms of CPU, measured), so the server strips them once at start, as it
 * strips attendee files (strip-types.ts).
 */
export function writeJailModules(dir: string): { preload: string; launcher: string } {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const write = (source: string, name: string): string => {
    const path = join(dir, name);
    writeFileSync(path, stripTypeScriptTypes(readFileSync(source, 'utf8'), { mode: 'strip' }));
    return path;
  };
  return { preload: write(PRELOAD_MODULE, 'preload.mjs'), launcher: write(LAUNCHER_MODULE, 'launcher.mjs') };
}
