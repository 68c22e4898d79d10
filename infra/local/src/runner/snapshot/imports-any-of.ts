/** `from '…'`, `import '…'`, `import('…')`, `require('…')`, `export … from '…'`: the specifier. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"])([^'"\n]+)\1/g;

/**
 * Whether any of a Run's files imports one of `packages` by its bare name
 * (what the startup snapshot maps). A guess from the source text, which is
 * enough: it only decides how fast the Run's process starts, never what the
 * Run can do (a wrong guess imports the package from disk, or starts from the
 * snapshot for nothing).
 */
export function importsAnyOf(files: Readonly<Record<string, string>>, packages: readonly string[]): boolean {
  if (packages.length === 0) return false;
  const wanted = new Set(packages);
  for (const source of Object.values(files)) {
    for (const match of source.matchAll(SPECIFIER)) {
      if (wanted.has(match[2] ?? '')) return true;
    }
  }
  return false;
}
