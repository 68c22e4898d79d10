/**
 * Named regions in lab source files, marked the way editors fold them:
 *
 *   // #region get-token
 *   ...
 *   // #endregion
 *
 * MDX steps show a region of the lab's real files, so prose cannot drift from code.
 */
const START = /^\s*\/\/\s*#region\s+([\w-]+)\s*$/;
const END = /^\s*\/\/\s*#endregion\b.*$/;

/** Returns the lines of region `name`, de-indented, or undefined if absent. */
export function extractRegion(source: string, name: string): string | undefined {
  const lines = source.split('\n');
  const start = lines.findIndex((line) => START.exec(line)?.[1] === name);
  if (start < 0) return undefined;
  let depth = 0;
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (START.test(line)) depth += 1;
    else if (END.test(line)) {
      if (depth === 0) return dedent(body).join('\n');
      depth -= 1;
    } else body.push(line);
  }
  return undefined;
}

/** The source with every region marker line removed (for display). */
export function stripRegionMarkers(source: string): string {
  return source
    .split('\n')
    .filter((line) => !START.test(line) && !END.test(line))
    .join('\n');
}

function dedent(lines: string[]): string[] {
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^\s*/.exec(line)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common));
}
