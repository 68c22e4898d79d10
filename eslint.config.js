// Lint config for the whole repository: strict, type-aware TypeScript rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/.astro/**', 'data/**', 'test-results/**', '**/*.astro', '**/*.mdx'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
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
