import { stripTypeScriptTypes } from 'node:module';

const TYPESCRIPT = /\.(?:ts|mts)$/;

/**
 * Strips the types of the Run's TypeScript files here, in the server, where
 * Node's stripper (a WebAssembly build of swc) is loaded once: loading it
 * cost every jailed process ~150–450 ms of CPU before the attendee's first
 * line ran. The launcher hands the results to Node's module loader (see
 * jail-launcher.ts), so the files keep their names and, since stripping only
 * blanks types out, every line and column: stack traces still say main.ts:12:3.
 *
 * A file the stripper refuses (a syntax error, or syntax that needs a
 * transform, like an enum) is left out: the jailed Node strips it itself and
 * reports the error in its own words. Only ES modules are stripped here
 * (`.ts` under the runner's `"type": "module"`, `.mts`); anything else is
 * left to Node.
 */
export function stripProjectTypes(files: Readonly<Record<string, string>>): Record<string, string> {
  if (files['package.json'] !== undefined && !/"type"\s*:\s*"module"/.test(files['package.json'])) return {};
  const stripped: Record<string, string> = {};
  for (const [name, source] of Object.entries(files)) {
    if (!TYPESCRIPT.test(name)) continue;
    try {
      stripped[name] = stripTypeScriptTypes(source, { mode: 'strip' });
    } catch {
      // Node in the jail strips it and says what is wrong.
    }
  }
  return stripped;
}

/** Loads the stripper now, at server start, instead of at the first Run. */
export function warmTypeStripper(): void {
  stripTypeScriptTypes('const warm: boolean = true;', { mode: 'strip' });
}
