/**
 * An event for a simulated room, created as the instructor would: redeem a
 * one-time login link, read the dashboard's CSRF token, POST the event.
 * Returns its access code.
 */
import { Browser } from './browser.ts';

export async function createBenchEvent(
  siteUrl: string,
  loginToken: string,
  options: { labs: readonly string[]; capacity: number; name: string },
): Promise<string> {
  const instructor = new Browser(siteUrl);
  const signedIn = await instructor.request('POST', '/api/instructor/login-link', { token: loginToken });
  if (signedIn.status !== 200) throw new Error(`login link refused: ${await signedIn.text()}`);
  const page = await (await instructor.request('GET', '/instructor/')).text();
  const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(page)?.[1];
  if (!csrf) throw new Error('no CSRF token on the instructor dashboard');
  instructor.csrf = csrf;
  const now = Date.now();
  const created = await instructor.request('POST', '/api/instructor/events', {
    name: options.name,
    startsAt: now,
    endsAt: now + 3_600_000,
    labs: options.labs,
    sandboxMode: 'local',
    capacity: options.capacity,
    stuckAfterMinutes: 10,
  });
  if (created.status !== 200 && created.status !== 201) throw new Error(`event not created (${created.status}): ${await created.text()}`);
  const { code } = (await created.json()) as { code: string };
  return code;
}

/** Joins `count` attendees, a few at a time (people arrive over minutes, not in one millisecond). */
export async function joinAttendees(siteUrl: string, code: string, count: number): Promise<Browser[]> {
  const browsers = Array.from({ length: count }, () => new Browser(siteUrl));
  for (let i = 0; i < count; i += 10) {
    await Promise.all(browsers.slice(i, i + 10).map((browser, j) => browser.join(code, `Bench ${i + j + 1}`)));
  }
  return browsers;
}
