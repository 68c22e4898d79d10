/**
 * Named regions in lab source files, marked the way editors fold them:
 *
 *   // #region get-token
 *   ...
 *   // #endregion
 *
 * Regions may nest. MDX steps show a region of the lab's real files, so prose
 * cannot drift from code, and a step's partial solution fills in the regions
 * it owns (partial-solution.ts). This is the one parser of those markers.
 */
const START = /^\s*\/\/\s*#region\s+([\w-]+)\s*$/;
const END = /^\s*\/\/\s*#endregion\b.*$/;

/** One region: the 0-based line numbers of its markers, and how deep it sits (0 = top level). */
export interface Region {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly depth: number;
}

/** Every closed region of the source, outer before inner, in the order they open. Unclosed markers are ignored. */
export function parseRegions(source: string): Region[] {
  const open: { name: string; start: number }[] = [];
  const regions: Region[] = [];
  source.split('\n').forEach((line, index) => {
    const name = START.exec(line)?.[1];
    if (name !== undefined) open.push({ name, start: index });
    else if (END.test(line)) {
      const region = open.pop();
      if (region) regions.push({ ...region, end: index, depth: open.length });
    }
  });
  return regions.sort((a, b) => a.start - b.start);
}

/** Region name → the lines between its markers as written (nested markers included), for every region; the first of a name wins. */
export function regionBodies(source: string): Map<string, string[]> {
  const lines = source.split('\n');
  const bodies = new Map<string, string[]>();
  for (const region of parseRegions(source)) {
    if (!bodies.has(region.name)) bodies.set(region.name, lines.slice(region.start + 1, region.end));
  }
  return bodies;
}

/** Returns the lines of region `name`, de-indented and without nested markers, or undefined if absent. */
export function extractRegion(source: string, name: string): string | undefined {
  const body = regionBodies(source).get(name);
  return body === undefined ? undefined : dedent(body.filter((line) => !isMarker(line))).join('\n');
}

/**
 * The source with the body of every region `replacement` answers for put in
 * its place (markers kept). A replaced region's own nested regions go with
 * it; inside a region left as it is, nested regions are still considered.
 */
export function replaceRegions(source: string, replacement: (region: string) => readonly string[] | undefined): string {
  const lines = source.split('\n');
  const out: string[] = [];
  let line = 0;
  for (const region of parseRegions(source)) {
    if (region.start < line) continue; // inside a region already replaced
    const body = replacement(region.name);
    if (!body) continue;
    out.push(...lines.slice(line, region.start + 1), ...body);
    line = region.end;
  }
  out.push(...lines.slice(line));
  return out.join('\n');
}

/** The source with every region marker line removed (for display). */
export function stripRegionMarkers(source: string): string {
  return source
    .split('\n')
    .filter((line) => !isMarker(line))
    .join('\n');
}

function isMarker(line: string): boolean {
  return START.test(line) || END.test(line);
}

function dedent(lines: string[]): string[] {
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^\s*/.exec(line)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common));
}
