/** What the workbench needs from an editor; the textarea and Monaco both provide it. */
export interface CodeEditor {
  /** Shows `content` for `file` (switching tabs or replacing content). */
  show(file: string, content: string): void;
  /** Current text of the visible file. */
  value(): string;
  onChange(listener: () => void): void;
  /** Side-by-side comparison of the attendee's code with the solution; `undefined` leaves it. */
  compare(original: string, solution: string | undefined): void;
  focus(): void;
  /**
   * Marks where a Run failed: `line` and `column` are 1-based, in `file` (a
   * name of the lab's workspace, e.g. `main.ts`). Marks stay until
   * `clearRunErrors()`, which the workbench calls when the next Run starts.
   */
  markRunError(file: string, line: number, column: number, message: string): void;
  clearRunErrors(): void;
}

/**
 * The editor before Monaco has loaded (or if it cannot): a plain textarea,
 * fully usable, so the page works from the first paint. A Run error selects
 * the failing line when it is in the file shown and flags the textarea as
 * invalid, with the message as its description for screen readers.
 */
export function textareaEditor(textarea: HTMLTextAreaElement): CodeEditor {
  let shown = '';
  return {
    show(file, content) {
      shown = file;
      textarea.value = content;
    },
    value: () => textarea.value,
    onChange(listener) {
      textarea.addEventListener('input', listener);
    },
    compare(_original, solution) {
      textarea.readOnly = solution !== undefined;
      if (solution !== undefined) textarea.dataset.mine = textarea.value;
      textarea.value = solution ?? textarea.dataset.mine ?? textarea.value;
    },
    focus: () => textarea.focus(),
    markRunError(file, line, _column, message) {
      textarea.setAttribute('aria-invalid', 'true');
      textarea.title = `${file}:${String(line)}: ${message}`;
      if (shown !== '' && file !== shown) return;
      const lines = textarea.value.split('\n');
      const start = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0);
      textarea.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    },
    clearRunErrors() {
      textarea.removeAttribute('aria-invalid');
      textarea.removeAttribute('title');
    },
  };
}
