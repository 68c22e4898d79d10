#!/usr/bin/env node
// Entry point for `npx keyless`; the CLI itself is TypeScript (scripts/keyless.ts), run by Node 24's type stripping.
await import('../scripts/keyless.ts');
