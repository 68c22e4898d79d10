// Contributions editor/monaco.ts imports from inside Monaco's build, which ships no declarations for them:
// each is imported for its side effect (registering itself) only.
declare module 'monaco-editor/editor/browser/coreCommands.js';
declare module 'monaco-editor/editor/contrib/caretOperations/browser/caretOperations.js';
declare module 'monaco-editor/editor/contrib/dropOrPasteInto/browser/copyPasteContribution.js';
declare module 'monaco-editor/editor/contrib/gotoSymbol/browser/goToCommands.js';
declare module 'monaco-editor/editor/contrib/gotoError/browser/markerSelectionStatus.js';
declare module 'monaco-editor/editor/contrib/semanticTokens/browser/documentSemanticTokens.js';
declare module 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
declare module 'monaco-editor/editor/common/standaloneStrings.js';
