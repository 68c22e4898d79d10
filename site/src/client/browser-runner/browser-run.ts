import type { Files } from '../api-client.ts';
import type { BrowserRunner } from './webcontainer-runner.ts';

/** What the output panel needs from a browser Run, the same calls the instance Run makes. */
export interface RunOutput {
  append(text: string, className?: string): void;
  status(text: string): void;
}

/**
 * The site refused a browser session (409): this attendee's sandbox cannot be
 * reached from the browser (an AWS-mode event, or one not ready yet). Not a
 * failed Run: the page runs the code on the instance instead, as it does when
 * the WebContainer cannot start.
 */
export class BrowserRunRefused extends Error {
  override readonly name = 'BrowserRunRefused';
}

/**
 * One Run in the WebContainer: fetches this attendee's short-lived
 * environment (sandbox outputs and, where the lab signs AWS calls, a
 * 15-minute instance-role session) from the site, runs the entry there and
 * streams its terminal output into the same panel. The evidence still comes
 * from the sandbox: the code calls the attendee's own endpoints with the
 * attendee's own credentials, and Check judges what the sandbox recorded.
 * Returns the error text (the whole output: a terminal has one stream).
 */
export async function runInBrowser(options: {
  labId: string;
  runner: BrowserRunner;
  files: Files;
  entry: string;
  output: RunOutput;
}): Promise<{ exitCode: number | null; errorText: string }> {
  const { output } = options;
  output.status('Running in your browser (WebContainer)…');
  const response = await fetch(`/api/labs/${encodeURIComponent(options.labId)}/browser-session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  const session = (await response.json().catch(() => ({}))) as { env?: Record<string, string>; error?: string };
  if (response.status === 409) throw new BrowserRunRefused(session.error ?? 'Your sandbox cannot take a browser Run.');
  if (!response.ok || !session.env)
    throw new Error(session.error ?? `Could not get credentials for a browser Run (${String(response.status)}).`);
  let text = '';
  const result = await options.runner.run(options.files, options.entry, session.env, (chunk) => {
    text += chunk;
    output.append(chunk);
  });
  const ok = result.exitCode === 0;
  const ending = result.timedOut ? 'was stopped at its time limit' : `exited with code ${String(result.exitCode ?? 'none')}`;
  output.append(`\n— ${ending} in ${String(Math.round(result.durationMs))} ms (in your browser)\n`, ok ? 'meta' : 'meta failed');
  output.status(ok ? 'Finished. Press Check to see what the sandbox saw.' : 'Finished with an error.');
  return { exitCode: result.exitCode, errorText: text };
}
