/**
 * Where a Run's uncaught error points in the attendee's files, read from its
 * error output (already shaped by the runner: Node's internal frames gone,
 * "Your code: main.ts:4:13" named when the throw was inside a package). The
 * workbench marks that line in the editor. Only files the attendee has count,
 * so a frame in `node_modules/` or Node never gets a marker.
 */
export interface RunErrorLocation {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** The error line as Node printed it, e.g. `ReferenceError: tokn is not defined`. */
  readonly message: string;
}

const ERROR_LINE = /^([A-Z]\w*)(?: \[[A-Z_]+\])?: (.+?)(?: \{)?$/;
const FRAME = /^\s+(?:at (?:.* \()?|Your code: )(.+?):(\d+):(\d+)\)?(?: \{| \(.*\))?$/;
const EXCERPT_HEADER = /^(.+?):(\d+)$/;
const CARET = /^(\s*)\^+\s*$/;

export function findRunError(stderr: string, files: readonly string[]): RunErrorLocation | undefined {
  const known = new Set(files);
  const lines = stderr.split('\n');
  const messageAt = lines.findIndex((line, index) => ERROR_LINE.test(line) && followsCrash(lines, index));
  if (messageAt < 0) return undefined;
  const message = (lines[messageAt] ?? '').replace(/ \{$/, '');
  for (let at = messageAt + 1; at < lines.length; at++) {
    const frame = FRAME.exec(lines[at] ?? '');
    // A frame without a location (`at JSON.parse (<anonymous>)`) is still a frame: look past it.
    if (!frame && /^\s+at /.test(lines[at] ?? '')) continue;
    if (!frame) break;
    const [, file = '', line = '', column = ''] = frame;
    if (known.has(file)) return { file, line: Number(line), column: Number(column), message };
  }
  // No frame of theirs (a syntax error has none): Node's excerpt above the message names the file and line, the caret the column.
  for (let at = messageAt - 1; at >= 0; at--) {
    const header = EXCERPT_HEADER.exec(lines[at] ?? '');
    if (!header || !known.has(header[1] ?? '')) continue;
    const caretLine = lines.slice(at + 1, messageAt).find((line) => CARET.test(line));
    const column = caretLine === undefined ? 1 : (CARET.exec(caretLine)?.[1]?.length ?? 0) + 1;
    return { file: header[1] ?? '', line: Number(header[2]), column, message };
  }
  return undefined;
}

/** An error line is a crash's when a stack frame follows it or a blank line and Node's excerpt precede it, not a line the program printed. */
function followsCrash(lines: readonly string[], index: number): boolean {
  if (FRAME.test(lines[index + 1] ?? '')) return true;
  return index >= 2 && (lines[index - 1] ?? '').trim() === '' && CARET.test(lines[index - 2] ?? '');
}
