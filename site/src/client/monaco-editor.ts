/**
 * Monaco, loaded lazily after the page is interactive so the lab page's
 * initial JavaScript stays small. Only the TypeScript tokenizer is registered,
 * not the TypeScript language service: attendee code imports packages the
 * browser cannot see, and the worker would cost megabytes for red squiggles.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/definitions/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import type { CodeEditor } from './editor.ts';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

export function mountMonaco(host: HTMLElement, initial: { file: string; content: string }, onRun: () => void): CodeEditor {
  window.MonacoEnvironment = { getWorker: () => new EditorWorker() };
  const models = new Map<string, monaco.editor.ITextModel>();
  const modelFor = (file: string, content: string): monaco.editor.ITextModel => {
    let model = models.get(file);
    if (!model) {
      model = monaco.editor.createModel(content, 'typescript', monaco.Uri.file(`/workspace/${file}`));
      models.set(file, model);
    } else if (model.getValue() !== content) model.setValue(content);
    return model;
  };
  const options: monaco.editor.IStandaloneEditorConstructionOptions = {
    theme: 'vs-dark',
    automaticLayout: true,
    fontSize: 14,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    tabSize: 2,
    ariaLabel: 'Code editor',
  };
  const editorElement = document.createElement('div');
  editorElement.className = 'monaco-host';
  editorElement.style.cssText = 'position:absolute;inset:0';
  host.append(editorElement);
  const editor = monaco.editor.create(editorElement, { ...options, model: modelFor(initial.file, initial.content) });
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, onRun);
  const listeners: (() => void)[] = [];
  editor.onDidChangeModelContent(() => listeners.forEach((listener) => listener()));

  let diff: { element: HTMLElement; editor: monaco.editor.IStandaloneDiffEditor } | undefined;
  return {
    show(file, content) {
      editor.setModel(modelFor(file, content));
    },
    value: () => editor.getValue(),
    onChange(listener) {
      listeners.push(listener);
    },
    compare(original, solution) {
      diff?.editor.dispose();
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
      });
      diffEditor.setModel({
        original: monaco.editor.createModel(original, 'typescript'),
        modified: monaco.editor.createModel(solution, 'typescript'),
      });
      diff = { element, editor: diffEditor };
    },
    focus: () => editor.focus(),
  };
}
