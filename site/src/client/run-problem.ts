import type { CodeEditor } from './editor.ts';
import { findRunError, type RunErrorLocation } from './run-error.ts';

/** The editor's Run-error marks (editor.ts); read as optional so an editor without them still runs. */
interface RunErrorMarks {
  markRunError?(file: string, line: number, column: number, message: string): void;
  clearRunErrors?(): void;
}

/** Removes the marks of the previous Run. */
export function clearRunProblem(editor: CodeEditor): void {
  (editor as RunErrorMarks).clearRunErrors?.();
}

/**
 * After a failed Run: marks the failing line in the editor (a marker with the
 * message, via the editor's API) and adds one line to the output naming it,
 * with a button that opens that file at that line. Returns what it marked.
 */
export function markRunProblem(options: {
  editor: CodeEditor;
  errorText: string;
  files: readonly string[];
  output: HTMLElement;
  /** Opens a file's tab (the workbench's tab switch); the marker is set again after, so it is on the model shown. */
  openFile: (file: string) => void;
}): RunErrorLocation | undefined {
  const location = findRunError(options.errorText, options.files);
  if (!location) return undefined;
  const mark = (): void =>
    (options.editor as RunErrorMarks).markRunError?.(location.file, location.line, location.column, location.message);
  mark();
  const line = document.createElement('span');
  line.className = 'meta failed run-problem';
  line.append(`${location.message.split(':')[0] ?? 'Error'} at ${location.file}:${String(location.line)} — marked in the editor. `);
  const go = document.createElement('button');
  go.type = 'button';
  go.className = 'link-button';
  go.textContent = `Go to ${location.file}:${String(location.line)}`;
  go.addEventListener('click', () => {
    options.openFile(location.file);
    mark();
    options.editor.focus();
  });
  line.append(go, '\n');
  options.output.append(line);
  return location;
}
