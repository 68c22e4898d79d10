/**
 * The compiler options of the editor's TypeScript language service, as
 * TypeScript's own (parsed) option values, so the build's declaration walk
 * (src/build/lab-declarations.ts) and the browser's worker resolve the same
 * way. They follow how a Run executes attendee code: Node 24 strips the types
 * of ES modules and runs what is left (infra/local/src/runner/strip-types.ts),
 * so the editor flags what stripping cannot erase (`erasableSyntaxOnly`: an
 * enum or a parameter property fails the Run), a type imported as a value
 * (`verbatimModuleSyntax`: Node would look for an export that is not there),
 * and resolves imports as Node does (`nodenext`, `.ts` extensions allowed).
 * The rest matches tsconfig.base.json, which the lab code test type-checks
 * the labs with, minus the DOM: a Run has Node's globals, not a browser's.
 *
 * The build reads them as a tsconfig would (`editorTsconfigOptions`); the
 * browser's worker takes TypeScript's parsed form (`editorCompilerOptions`,
 * enum values as numbers, since the browser must not load the compiler to
 * name them, and Monaco's own enums lack `NodeNext`).
 * compiler-options.test.ts checks that the two say the same.
 */
export const editorTsconfigOptions = {
  target: 'ES2023',
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  lib: ['ES2023'],
  strict: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  erasableSyntaxOnly: true,
  verbatimModuleSyntax: true,
  allowImportingTsExtensions: true,
  noEmit: true,
  skipLibCheck: true,
  resolveJsonModule: true,
  isolatedModules: true,
  types: ['node'],
} as const;

/** The same as TypeScript's parsed options: the enum-valued ones as numbers, `lib` as file names. */
export const editorCompilerOptions: Readonly<Record<string, unknown>> = {
  ...editorTsconfigOptions,
  target: 10, // ScriptTarget.ES2023
  module: 199, // ModuleKind.NodeNext
  moduleResolution: 99, // ModuleResolutionKind.NodeNext
  lib: ['lib.es2023.d.ts'],
};
