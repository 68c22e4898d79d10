import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocal, type LocalConfig } from '../../src/server/start-local.ts';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A fresh data directory, so tests never see each other's attendees. */
export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'keyless-test-'));
}

/** Starts the real product (built site, emulated AWS, runner) on free ports; `overrides` e.g. for room mode (host, public URL). */
export function startTestServer(dataDir: string, overrides: Partial<LocalConfig> = {}): ReturnType<typeof startLocal> {
  return startLocal({ repoRoot, dataDir, host: '127.0.0.1', port: 0, awsPort: 0, ...overrides });
}
