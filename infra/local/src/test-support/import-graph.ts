import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** A source file's imports: relative ones resolved to files, the rest (packages, `node:` builtins) as written. */
export interface ImportGraph {
  /** Root-relative path → root-relative paths of the files it imports. */
  readonly files: ReadonlyMap<string, readonly string[]>;
  /** Root-relative path → the bare specifiers it imports (`node:http`, `jose`, `@keyless/labs/sandbox`). */
  readonly packages: ReadonlyMap<string, readonly string[]>;
}

/**
 * Every import of every `.ts` file under `root` (tests included), read with
 * TypeScript's own pre-processor: static, `import type`, re-exports and
 * dynamic `import()` alike, since a type-only import ties two modules
 * together just as much for whoever reads or moves them.
 */
export function importGraph(root: string): ImportGraph {
  const files = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  for (const entry of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.ts')) continue;
    const path = join(root, entry);
    const specifiers = ts.preProcessFile(readFileSync(path, 'utf8'), true, true).importedFiles.map((file) => file.fileName);
    const name = relative(root, path);
    files.set(
      name,
      specifiers.filter((s) => s.startsWith('.')).map((s) => relative(root, resolve(dirname(path), s))),
    );
    packages.set(
      name,
      specifiers.filter((s) => !s.startsWith('.')),
    );
  }
  return { files, packages };
}

/** The import cycles (strongly connected components of more than one file, or a file importing itself), each sorted. */
export function importCycles(graph: ImportGraph): string[][] {
  // Tarjan's algorithm.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next++;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.files.get(file) ?? []) {
      if (!graph.files.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (graph.files.get(file) ?? []).includes(file)) cycles.push(component.sort());
  };
  for (const file of graph.files.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

/** Every file `entry` reaches through its imports, itself included. */
export function reachableFrom(graph: ImportGraph, entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    pending.push(...(graph.files.get(file) ?? []));
  }
  return seen;
}
