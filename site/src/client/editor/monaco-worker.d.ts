// The parts of Monaco's TypeScript worker that editor/ts.worker.ts builds on; Monaco ships no declarations for its worker modules.
declare module 'monaco-editor/internal/common/initialize.js' {
  /** Takes over the worker's messages from Monaco's second one (its createData) on; `create` makes the object whose methods the page calls. */
  export function initialize(create: (context: unknown, createData: unknown) => object): void;
}

declare module 'monaco-editor/languages/features/typescript/tsWorker.js' {
  import type { LanguageService } from 'typescript';

  /** Path → text and version, as the page's `typescriptDefaults` holds them. */
  export type ExtraLibs = Record<string, { content: string; version: number }>;

  /** Monaco's language service host and the methods the page calls on it (completions, diagnostics, …). */
  export class TypeScriptWorker {
    constructor(context: unknown, createData: unknown);
    getLanguageService(): LanguageService;
    getExtraLibs(): ExtraLibs;
    /** Root files of the program: every model but the TypeScript lib files, then every extra lib. */
    getScriptFileNames(): string[];
    updateExtraLibs(extraLibs: ExtraLibs): Promise<void>;
  }
}
