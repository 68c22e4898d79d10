import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A tiny project for the bundling tests, in a fresh temporary directory: a
 * lockfile, an entry importing a local module and a package from
 * node_modules. `write` backdates what it writes, as an edit made before the
 * build started (a file written during a build is never cached).
 */
export interface FixtureProject {
  readonly root: string;
  readonly entry: string;
  readonly cacheDir: string;
  write(file: string, content: string): void;
  remove(): void;
}

export function fixtureProject(): FixtureProject {
  const root = mkdtempSync(path.join(tmpdir(), 'keyless-bundling-'));
  const write = (file: string, content: string): void => {
    const target = path.join(root, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(target, minuteAgo, minuteAgo);
  };
  write('package-lock.json', '{"lockfileVersion": 3}\n');
  write('src/greeting.ts', "export const greeting: string = 'hello from one';\n");
  write(
    'src/entry.ts',
    "import { greeting } from './greeting.ts';\nimport { farewell } from 'farewell';\nexport const handler = () => [greeting, farewell];\n",
  );
  write('node_modules/farewell/package.json', '{"name": "farewell", "main": "a.js"}\n');
  write('node_modules/farewell/a.js', "exports.farewell = 'goodbye from a';\n");
  write('node_modules/farewell/b.js', "exports.farewell = 'goodbye from b';\n");
  const remove = (): void => rmSync(root, { recursive: true, force: true });
  return { root, entry: path.join(root, 'src/entry.ts'), cacheDir: path.join(root, 'cache'), write, remove };
}
