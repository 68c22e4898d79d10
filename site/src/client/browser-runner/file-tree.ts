import type { DirectoryNode, FileSystemTree } from '@webcontainer/api';

/** Files by project path (`main.ts`, `lib/tokens.ts`) → content. */
export type ProjectFiles = Readonly<Record<string, string>>;

/** What the tree builder refuses: names the instance runner refuses too (runner/project-files.ts), so both runners run the same projects. */
const BAD_SEGMENT = /^(?:|\.|\.\.|node_modules)$/;

/**
 * The WebContainer file system for one Run: the lab template's files (its
 * package.json, whose dependencies `npm install` fetches inside the
 * container) with the attendee's files laid over them; an attendee file of
 * the same name wins. Paths become nested directories. Pure, so what is
 * mounted is tested without a browser.
 */
export function buildFileTree(template: ProjectFiles, edits: ProjectFiles): FileSystemTree {
  const tree: FileSystemTree = {};
  for (const [path, contents] of Object.entries({ ...template, ...edits })) {
    const segments = path.split('/');
    if (path.includes('\\') || segments.some((segment) => BAD_SEGMENT.test(segment))) {
      throw new RangeError(`"${path}" is not a project file name (plain names joined by "/", no "..", no node_modules).`);
    }
    const name = segments.pop() ?? path;
    let directory = tree;
    for (const segment of segments) {
      const existing = directory[segment];
      if (existing && !('directory' in existing)) throw new RangeError(`"${path}" needs "${segment}" to be a folder, but it is a file.`);
      const node: DirectoryNode = existing ?? { directory: {} };
      directory[segment] = node;
      directory = node.directory;
    }
    if (directory[name] && 'directory' in (directory[name] ?? {})) throw new RangeError(`"${path}" is a folder of other files.`);
    directory[name] = { file: { contents } };
  }
  return tree;
}

/**
 * The template's package.json as the container needs it: ES modules (as the
 * instance runner writes it) and tsx to run TypeScript, since the
 * WebContainer's Node may predate type stripping. Dependencies are the
 * template's, unchanged.
 */
export function containerManifest(templateManifest: string): string {
  const manifest = JSON.parse(templateManifest) as { dependencies?: Record<string, string> };
  return `${JSON.stringify(
    { name: 'keyless-lab', private: true, type: 'module', dependencies: manifest.dependencies ?? {}, devDependencies: { tsx: '^4.19.0' } },
    null,
    2,
  )}\n`;
}
