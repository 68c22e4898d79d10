/**
 * Shapes what Node prints for an uncaught error into what an attendee can act
 * on (issue 12, item 3). Paths are already relative to the project when this
 * runs (runner.ts scrubs the run dir first). It:
 *
 * - drops stack frames inside Node itself (`node:internal/…`, `ModuleJob.run`)
 *   and the loader's own source excerpt (`node:internal/modules/run_main:107
 *   triggerUncaughtException(`), which Node prints above a syntax error and
 *   pushes the useful line out of sight;
 * - drops the `Node.js v24.x` trailer;
 * - for a syntax error, keeps the offending line and its caret only (Node
 *   prints the lines around it too) and drops the `{ code: … }` block that
 *   repeats the code already in the message;
 * - when the error was thrown inside a package, names the attendee's first
 *   frame on its own line right under the message ("Your code: main.ts:4:13").
 *
 * Pure and idempotent (shaping shaped text changes nothing), so it runs on
 * every streamed chunk as well as on the whole output; a chunk that holds no
 * complete error block passes through unchanged but for dropped lines.
 */

const INTERNAL_FRAME = /^\s+at (?:.*\(node:[^)]*\)|node:\S+|async node:\S+)\s*(\{)?$/;
const LOADER_EXCERPT = /^node:internal\/[^\n]*\n[^\n]*\n\s*\^+\n\n?/gm;
const NODE_TRAILER = /\n*^Node\.js v\d+\.\d+\.\d+$\n?/gm;
const ERROR_LINE = /^(?:[A-Z]\w*(?:Error|Exception)?|Error)(?: \[[A-Z_]+\])?: .*$/;
const FRAME = /^\s+at (?:.* \()?(.+?):(\d+):(\d+)\)?(?: \{)?$/;
const SYNTAX_CODE_BLOCK = /(\[ERR_(?:INVALID|UNSUPPORTED)_TYPESCRIPT_SYNTAX\]: .*)(\n\s+at [^\n]*)* \{\n\s+code: '[A-Z_]+'\n\}/g;
const EXCERPT_HEADER = /^([^\s:]+\.[cm]?[jt]s):(\d+)$/;

/** True for a frame location in the attendee's own files (not a package, not Node). */
export function isProjectLocation(location: string): boolean {
  return (
    !location.startsWith('node:') &&
    !location.startsWith('node_modules/') &&
    !location.includes("(the lab's packages)") &&
    !location.startsWith('/')
  );
}

export function shapeCrashOutput(text: string): string {
  let shaped = text.replace(LOADER_EXCERPT, '').replace(SYNTAX_CODE_BLOCK, '$1');
  shaped = dropInternalFrames(shaped);
  shaped = keepOffendingLine(shaped);
  shaped = nameFirstProjectFrame(shaped);
  // A streamed chunk that is only the trailer becomes nothing, not a blank line.
  return shaped.replace(NODE_TRAILER, (_match, offset: number) => (offset === 0 ? '' : '\n')).replace(/\n{3,}/g, '\n\n');
}

/** Internal frames go; a dropped frame that opened the error's property block (`… {`) hands its brace to the line before. */
function dropInternalFrames(text: string): string {
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    const match = INTERNAL_FRAME.exec(line);
    if (!match) {
      kept.push(line);
      continue;
    }
    const previous = kept.pop();
    if (previous !== undefined) kept.push(match[1] ? `${previous} {` : previous);
  }
  return kept.join('\n');
}

/**
 * Node's excerpt for a TypeScript syntax error is `file:line`, a context line
 * or two, the offending line, the caret line, and a line after. Only the
 * offending line (the one right above the caret) helps.
 */
function keepOffendingLine(text: string): string {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    if (!EXCERPT_HEADER.test(lines[index] ?? '')) continue;
    const caret = lines.findIndex((line, at) => at > index && at <= index + 4 && /^\s*\^+\s*$/.test(line));
    if (caret < 0) continue;
    const blank = lines.findIndex((line, at) => at > caret && line.trim() === '');
    const message = blank < 0 ? undefined : lines[blank + 1];
    if (!message || !/SyntaxError/.test(message)) continue;
    // Header, offending line, caret, then straight to the blank line before the message.
    lines.splice(caret + 1, blank - caret - 1);
    lines.splice(index + 1, caret - 1 - (index + 1));
  }
  return lines.join('\n');
}

function nameFirstProjectFrame(text: string): string {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    if (!ERROR_LINE.test(lines[index] ?? '')) continue;
    const frames: { at: number; location: string }[] = [];
    for (let at = index + 1; at < lines.length; at++) {
      const frame = FRAME.exec(lines[at] ?? '');
      // A frame without a location (`at JSON.parse (<anonymous>)`, a built-in) is still a frame, and not the attendee's.
      if (!frame && /^\s+at /.test(lines[at] ?? '')) frames.push({ at, location: '' });
      else if (!frame) break;
      else frames.push({ at, location: `${frame[1] ?? ''}:${frame[2] ?? ''}:${frame[3] ?? ''}` });
    }
    const first = frames[0];
    const mine = frames.find((frame) => frame.location !== '' && isProjectLocation(frame.location));
    if (!first || !mine || mine === first || lines[index + 1]?.startsWith('    Your code:')) continue;
    lines.splice(index + 1, 0, `    Your code: ${mine.location} (it called what threw)`);
  }
  return lines.join('\n');
}
