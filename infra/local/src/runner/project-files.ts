import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { RunRequestError } from './errors.ts';

/** Caps on what an attendee may submit; an editor project is a handful of small files. */
export const PROJECT_CAPS = {
  maxFiles: 64,
  maxFileBytes: 256 * 1024,
  maxTotalBytes: 1024 * 1024,
  maxPathLength: 200,
} as const;

/** Top-level names the runner itself writes in the run directory: the `node_modules` link and the scratch dir. */
export const RESERVED_NAMES = new Set(['node_modules', '.tmp']);

const SEGMENT = /^[A-Za-z0-9_@+-][A-Za-z0-9._@+-]*$/;
const RUNNABLE = /\.(?:ts|mts|cts|js|mjs|cjs)$/;

/** Throws a RunRequestError unless `files` and `entry` are a project we can write and run. */
export function validateProject(files: Readonly<Record<string, string>>, entry: string): void {
  const names = Object.keys(files);
  if (names.length === 0) {
    throw new RunRequestError('The project has no files.', 'Send at least the entry file, e.g. { "main.ts": "..." }.');
  }
  if (names.length > PROJECT_CAPS.maxFiles) {
    throw new RunRequestError(
      `The project has ${names.length} files; at most ${PROJECT_CAPS.maxFiles} are allowed.`,
      'Remove files the run does not need.',
    );
  }
  let total = 0;
  for (const name of names) {
    validatePath(name);
    const content = files[name];
    if (typeof content !== 'string') {
      throw new RunRequestError(`File "${name}" has no text content.`, 'Send every file as a string.');
    }
    const bytes = Buffer.byteLength(content, 'utf8');
    if (bytes > PROJECT_CAPS.maxFileBytes) {
      throw new RunRequestError(
        `File "${name}" is ${bytes} bytes; at most ${PROJECT_CAPS.maxFileBytes} are allowed per file.`,
        'Keep lab code small; large data does not belong in the editor.',
      );
    }
    total += bytes;
  }
  if (total > PROJECT_CAPS.maxTotalBytes) {
    throw new RunRequestError(
      `The project is ${total} bytes; at most ${PROJECT_CAPS.maxTotalBytes} are allowed in total.`,
      'Remove files the run does not need.',
    );
  }
  if (!Object.hasOwn(files, entry)) {
    throw new RunRequestError(
      `The entry file "${entry}" is not among the project files.`,
      `Add "${entry}" or pick one of: ${names.join(', ')}.`,
    );
  }
  if (!RUNNABLE.test(entry)) {
    throw new RunRequestError(`The entry file "${entry}" is not a script Node can run.`, 'Use a .ts, .mts, .js or .mjs file as the entry.');
  }
}

function validatePath(name: string): void {
  const bad = (why: string): never => {
    throw new RunRequestError(
      `File name "${name.slice(0, 80)}" is not allowed: ${why}.`,
      'Use a relative path of plain names separated by "/", e.g. "src/client.ts".',
    );
  };
  if (name.length === 0) bad('it is empty');
  if (name.length > PROJECT_CAPS.maxPathLength) bad(`it is longer than ${PROJECT_CAPS.maxPathLength} characters`);
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) bad('it is absolute');
  if (name.includes('\\')) bad('it contains a backslash');
  const segments = name.split('/');
  for (const segment of segments) {
    if (segment === '..') bad('it climbs out of the project with ".."');
    if (segment === '' || segment === '.') bad('it has an empty or "." segment');
    if (!SEGMENT.test(segment)) bad(`"${segment.slice(0, 40)}" has characters other than letters, digits and . _ - @ +`);
  }
  if (RESERVED_NAMES.has(segments[0] ?? '')) bad(`"${segments[0] ?? ''}" is reserved by the runner`);
}

/** Writes a validated project into `dir` (which exists and is empty). */
export async function writeProject(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, ...name.split('/'));
    await mkdir(dirname(path), { recursive: true });
    // `wx`: never follow or overwrite something that is already there.
    await writeFile(path, content, { flag: 'wx', mode: 0o644 });
  }
  if (!Object.hasOwn(files, 'package.json')) {
    // Without it Node would look for the nearest package.json above the run
    // directory (the server's own) to decide the module format; pin ESM here
    // so both jails behave the same and nothing outside the run dir matters.
    await writeFile(join(dir, 'package.json'), '{ "type": "module", "private": true }\n', { flag: 'wx' });
  }
}
