import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Launches Chromium for end-to-end tests. On CI and this kind of machine it is
 * Debian's /usr/bin/chromium (Playwright cannot download its own browser
 * offline); elsewhere set KEYLESS_CHROMIUM or let Playwright find its own.
 */
export function launchBrowser(): Promise<Browser> {
  const candidates = [process.env.KEYLESS_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((path): path is string =>
    Boolean(path),
  );
  const executablePath = candidates.find((path) => existsSync(path));
  return chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}
