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
}

/**
 * The editor before Monaco has loaded (or if it cannot): a plain textarea,
 * fully usable, so the page works from the first paint.
 */
export function textareaEditor(textarea: HTMLTextAreaElement): CodeEditor {
  return {
    show(_file, content) {
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
  };
}
