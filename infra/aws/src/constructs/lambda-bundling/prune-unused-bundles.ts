import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/** A bundle no build has reused for this long belongs to sources long since edited. */
const UNUSED_FOR_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Removes a recipe's bundles (and abandoned `.building-` leftovers) not
 * reused for a week, so the cache holds about one bundle per entry and
 * branch being worked on, not one per edit ever made. `keep` is the bundle
 * just stored. A bundle reused since is recent (reuse touches it), so no
 * process is copying one this removes.
 */
export function pruneUnusedBundles(recipeDir: string, keep: string): void {
  const cutoff = Date.now() - UNUSED_FOR_MS;
  for (const name of readdirSync(recipeDir)) {
    if (name === keep || name === 'watched.json') continue;
    const entry = path.join(recipeDir, name);
    const modified = statSync(entry, { throwIfNoEntry: false })?.mtimeMs;
    if (modified !== undefined && modified < cutoff) rmSync(entry, { recursive: true, force: true });
  }
}
