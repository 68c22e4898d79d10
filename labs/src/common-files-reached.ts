/** `from './x.ts'`, `import './x.ts'`, `import('./x.ts')`: the relative specifiers lab code uses for its sibling files. */
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]\.\/([^'"]+)['"]/g;

/**
 * The labs' common files a lab actually imports, directly or through another
 * common file. Every lab may use any of them, but one that is never imported
 * would only be another tab in the attendee's editor and another file copied
 * into each Run (labs 0–3 have no use for a CSR builder).
 */
export function commonFilesReached(common: Readonly<Record<string, string>>, labFiles: readonly string[]): Record<string, string> {
  const reached: Record<string, string> = {};
  const pending = [...labFiles];
  for (let source = pending.pop(); source !== undefined; source = pending.pop()) {
    for (const match of source.matchAll(RELATIVE_IMPORT)) {
      const name = match[1];
      if (name === undefined || name in reached || !(name in common)) continue;
      const content = common[name] ?? '';
      reached[name] = content;
      pending.push(content);
    }
  }
  return reached;
}
