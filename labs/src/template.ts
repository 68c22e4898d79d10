import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The packages lab code may import: the dependencies of the lab template beside the labs folder (`templates/node`). */
export function templatePackages(labsDir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(labsDir, '..', 'templates', 'node', 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return Object.keys(manifest.dependencies ?? {});
}
