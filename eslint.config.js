// Lint config for the whole repository: strict, type-aware TypeScript rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/.astro/**', 'data/**', 'test-results/**', '**/*.astro', '**/*.mdx'],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      // Type information from the tsconfig.json nearest each file (the root's, site/'s, each lab's).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      // node:test's test(), describe() and friends return a promise the runner
      // itself awaits; every other promise must be awaited, returned or voided.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
      // Numbers print unambiguously; booleans, nullish values and objects in a template are still reported.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `() => void work()` callbacks, and `return send(response, …)` to end a
      // handler declared to return void, are shorthands, not a confused use of a value.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
      // `async` without `await` is deliberate where an implementation of a
      // Promise-returning contract (Sandbox, evidence, the runner) must turn a
      // throw into a rejection, as a caller of the contract expects.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The few plain JavaScript entry points (bin/, scripts/*.mjs, the Astro and
    // ESLint configs) are in no tsconfig, so they get the rules that need no types.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // A starter, and the partial solution after each step (written as step-NN/
    // by tests/lab-code-style.test.ts), hold the imports, outputs and
    // parameters of the steps still to come: they stay unused until the
    // attendee writes the code that uses them.
    files: ['labs/content/*/starter/**/*.ts', 'labs/content/*/step-*/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': 'off',
      'no-useless-assignment': 'off',
    },
  },
);
