import { LabContentError } from './errors.ts';
import { extractRegion, parseRegions, stripRegionMarkers } from './regions.ts';

/**
 * `<LabCode file="solution/main.ts" region="get-token" />` in a step shows
 * code from the lab's own files. Its references are checked when the lab
 * loads, with the loader's file/field/fix errors, so a typo stops the build
 * and the tests instead of surfacing as a page's 500; the component resolves
 * them with the same function.
 */
export interface LabCodeReference {
  /** 1-based line of the tag in the step file. */
  readonly line: number;
  /** `file="…"`, when given as a string literal. */
  readonly file: string | undefined;
  readonly region: string | undefined;
  /** Attributes given as `{…}` expressions, which cannot be checked before rendering. */
  readonly expressions: readonly string[];
}

/** The files `<LabCode>` may name: `starter/<path>` and `solution/<path>`. */
export interface LabFiles {
  readonly starter: Readonly<Record<string, string>>;
  readonly solution: Readonly<Record<string, string>>;
}

export type LabCodeResolution =
  { readonly code: string } | { readonly problem: string; readonly hint: string; readonly attribute: 'file' | 'region' };

const TAG = /<LabCode\b([^>]*?)\/?>/g;
const ATTRIBUTE = /([A-Za-z]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{([^}]*)\})/g;
const FENCE = /^\s*(```|~~~)/;

/** Every `<LabCode>` tag of an MDX source, outside fenced code blocks. */
export function labCodeReferences(mdx: string): LabCodeReference[] {
  const references: LabCodeReference[] = [];
  let fenced = false;
  mdx.split('\n').forEach((text, index) => {
    if (FENCE.test(text)) fenced = !fenced;
    if (fenced) return;
    for (const tag of text.matchAll(TAG)) {
      const attributes = new Map<string, string>();
      const expressions: string[] = [];
      for (const [, name = '', double, single, expression] of (tag[1] ?? '').matchAll(ATTRIBUTE)) {
        if (expression !== undefined) expressions.push(name);
        else attributes.set(name, double ?? single ?? '');
      }
      references.push({ line: index + 1, file: attributes.get('file'), region: attributes.get('region'), expressions });
    }
  });
  return references;
}

/** The code a `<LabCode>` shows, or what is wrong with its reference and how to fix it. */
export function resolveLabCode(lab: LabFiles, file: string | undefined, region: string | undefined): LabCodeResolution {
  const available = [
    ...Object.keys(lab.starter).map((name) => `starter/${name}`),
    ...Object.keys(lab.solution).map((name) => `solution/${name}`),
  ];
  if (file === undefined || file === '') {
    return {
      attribute: 'file',
      problem: 'has no file="…"',
      hint: `name one of this lab's files, e.g. file="${available.find((name) => name.startsWith('solution/')) ?? 'solution/main.ts'}"`,
    };
  }
  const [folder, ...rest] = file.split('/');
  const tree = folder === 'starter' ? lab.starter : folder === 'solution' ? lab.solution : undefined;
  const source = tree?.[rest.join('/')];
  if (source === undefined) {
    return {
      attribute: 'file',
      problem: `file="${file}" is not a file of this lab`,
      hint: `use starter/<path> or solution/<path>, one of: ${available.join(', ')}`,
    };
  }
  if (region === undefined || region === '') return { code: stripRegionMarkers(source) };
  const code = extractRegion(source, region);
  if (code === undefined) {
    const regions = [...new Set(parseRegions(source).map((found) => found.name))];
    return {
      attribute: 'region',
      problem: `region="${region}" is not in ${file}`,
      hint:
        regions.length > 0
          ? `use one of its regions: ${regions.join(', ')}, or mark it with // #region ${region} … // #endregion`
          : `mark it in ${file} with // #region ${region} … // #endregion`,
    };
  }
  return { code };
}

/** Throws a LabContentError for the first `<LabCode>` of a step whose reference does not resolve. */
export function validateLabCode(stepFile: string, mdx: string, lab: LabFiles): void {
  for (const reference of labCodeReferences(mdx)) {
    const where = `<LabCode> on line ${reference.line}`;
    if (reference.expressions.length > 0) {
      throw new LabContentError({
        file: stepFile,
        field: `${where}, ${reference.expressions.join(', ')}`,
        message: 'is an expression, which cannot be checked before the page renders',
        hint: 'write it as a string, e.g. file="solution/main.ts" region="get-token"',
      });
    }
    const resolved = resolveLabCode(lab, reference.file, reference.region);
    if ('problem' in resolved) {
      throw new LabContentError({
        file: stepFile,
        field: `${where}, ${resolved.attribute}`,
        message: resolved.problem,
        hint: resolved.hint,
      });
    }
  }
}
