#!/usr/bin/env node
// Entry point for `npx keyless`; the CLI itself is TypeScript, run by Node 24's type stripping.
await import('../src/cli.ts');
