/**
 * The full editor: Monaco with its standard contributions and the TypeScript
 * language service (editor/monaco.ts, editor/language-service.ts), loaded
 * lazily after the page is interactive so the lab page's initial JavaScript
 * stays small. The page's textarea (editor.ts) works until it arrives.
 *
 * For the Run flow: the returned CodeEditor has `markRunError(file, line,
 * column, message)` and `clearRunErrors()`, which set (and remove) an error
 * marker, with the message on hover and in the problems list (F8), on the
 * line of the lab file where a Run failed.
 *
 * Every file of the lab's workspace gets a model at `file:///workspace/<name>`
 * from the start, so a lab's files resolve each other's imports before a tab
 * is opened. Auto-closing of brackets and quotes is off: attendees type code
 * from the step's prose character by character, and an editor that inserts a
 * `}` they then type again corrupts the code until a Run reveals it.
 */
import type { CodeEditor } from './editor.ts';
import { monaco, typescriptDefaults } from './editor/monaco.ts';
import { followPageTheme } from './editor/editor-theme.ts';
import { leaveOnEscapeThenTab } from './editor/escape-then-tab.ts';
import { startLanguageService, WORKSPACE } from './editor/language-service.ts';

const RUN_ERRORS = 'keyless-run';

export interface MountedEditor extends CodeEditor {
  /** Settles when the packages' declarations are in the language service (completions for them work from then on), or could not load. */
  readonly languageServiceReady: Promise<void>;
}

export function mountMonaco(
  host: HTMLElement,
  initial: { file: string; content: string },
  onRun: () => void,
  workspace: Readonly<Record<string, string>> = {},
): MountedEditor {
  // Said on the page: the end-to-end tests wait for it, and measure how long it took. Without the declarations the editor still works.
  const languageServiceReady = startLanguageService(typescriptDefaults).then(
    () => void (host.dataset.languageService = 'ready'),
    () => void (host.dataset.languageService = 'failed'),
  );
  const models = new Map<string, monaco.editor.ITextModel>();
  const modelFor = (file: string, content: string): monaco.editor.ITextModel => {
    let model = models.get(file);
    if (!model) {
      model = monaco.editor.createModel(content, file.endsWith('.ts') ? 'typescript' : undefined, monaco.Uri.parse(`${WORKSPACE}${file}`));
      models.set(file, model);
    } else if (model.getValue() !== content) model.setValue(content);
    return model;
  };
  for (const [file, content] of Object.entries(workspace)) if (file !== initial.file) modelFor(file, content);

  const options: monaco.editor.IStandaloneEditorConstructionOptions = {
    automaticLayout: true,
    fontSize: 14,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    tabSize: 2,
    ariaLabel:
      'Code editor. Press Escape then Tab (or Shift+Tab) to move focus out of the editor; Control+M (on a Mac Control+Shift+M) makes Tab always move focus.',
    autoClosingBrackets: 'never',
    autoClosingQuotes: 'never',
    autoClosingComments: 'never',
    autoClosingOvertype: 'always',
    autoSurround: 'languageDefined',
    // Enter after a typed identifier ends the line; it takes a suggestion only when that changes the text.
    acceptSuggestionOnEnter: 'smart',
    fixedOverflowWidgets: true,
  };
  const editorElement = document.createElement('div');
  editorElement.className = 'monaco-host';
  editorElement.style.cssText = 'position:absolute;inset:0';
  host.append(editorElement);
  const editor = monaco.editor.create(editorElement, { ...options, model: modelFor(initial.file, initial.content) });
  performance.mark('keyless:editor-mounted');
  followPageTheme(monaco.editor);
  leaveOnEscapeThenTab(editor, monaco.KeyCode);
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, onRun);
  const listeners: (() => void)[] = [];
  editor.onDidChangeModelContent(() => listeners.forEach((listener) => listener()));

  let diff: { element: HTMLElement; editor: monaco.editor.IStandaloneDiffEditor; models: monaco.editor.ITextModel[] } | undefined;
  return {
    languageServiceReady,
    show(file, content) {
      editor.setModel(modelFor(file, content));
    },
    value: () => editor.getValue(),
    onChange(listener) {
      listeners.push(listener);
    },
    compare(original, solution) {
      diff?.editor.dispose();
      diff?.models.forEach((model) => model.dispose());
      diff?.element.remove();
      diff = undefined;
      editorElement.hidden = solution !== undefined;
      if (solution === undefined) return;
      const element = document.createElement('div');
      element.className = 'monaco-diff-host';
      element.style.cssText = 'position:absolute;inset:0';
      host.append(element);
      const diffEditor = monaco.editor.createDiffEditor(element, {
        ...options,
        readOnly: true,
        renderSideBySide: true,
        originalEditable: false,
        // A side's imports of the lab's other files do not resolve outside the workspace: its diagnostics say nothing useful.
        renderValidationDecorations: 'off',
      });
      const sides = [monaco.editor.createModel(original, 'typescript'), monaco.editor.createModel(solution, 'typescript')] as const;
      diffEditor.setModel({ original: sides[0], modified: sides[1] });
      diff = { element, editor: diffEditor, models: [...sides] };
    },
    focus: () => editor.focus(),
    markRunError(file, line, column, message) {
      const model = models.get(file);
      if (!model) return;
      const lineNumber = Math.min(Math.max(1, line), model.getLineCount());
      const startColumn = Math.min(Math.max(1, column), model.getLineMaxColumn(lineNumber));
      const endColumn = Math.max(startColumn + 1, model.getLineMaxColumn(lineNumber));
      const markers = monaco.editor.getModelMarkers({ owner: RUN_ERRORS, resource: model.uri });
      monaco.editor.setModelMarkers(model, RUN_ERRORS, [
        ...markers,
        {
          severity: monaco.MarkerSeverity.Error,
          message,
          source: 'Run',
          startLineNumber: lineNumber,
          startColumn,
          endLineNumber: lineNumber,
          endColumn,
        },
      ]);
      if (editor.getModel() === model) editor.revealLineInCenterIfOutsideViewport(lineNumber);
    },
    clearRunErrors() {
      for (const model of models.values()) monaco.editor.setModelMarkers(model, RUN_ERRORS, []);
    },
  };
}
