/**
 * Code entry → lab page, over HTTP against the real local-mode server: POST
 * /api/join (which creates the attendee's sandbox before answering), then
 * the event's first lab page. Also the initial JS of a lab page for an event
 * attendee (the event bar adds its timer script). Nothing here asserts on time.
 */
import { performance } from 'node:perf_hooks';
import type { BenchServer } from './bench-server.ts';
import { Browser } from './browser.ts';
import { labPageInitialJs } from './page-weight.ts';

export interface JoinFigures {
  readonly joinToLabPageMs: number[];
  readonly eventLabPageJsGzipBytes: number;
}

export async function measureJoin(
  server: BenchServer,
  code: string,
  lab: { id: string; firstStep: string },
  options: { attendees: number },
): Promise<JoinFigures> {
  const figures = { joinToLabPageMs: [] as number[], eventLabPageJsGzipBytes: 0 };
  for (let attendee = 0; attendee < options.attendees; attendee += 1) {
    const entered = performance.now();
    const browser = new Browser(server.siteUrl);
    await browser.join(code, `Join ${attendee}`);
    // The lab's landing URL redirects to the step to continue at.
    let page = await browser.request('GET', `/labs/${lab.id}/`);
    const location = page.headers.get('location');
    if (page.status >= 300 && page.status < 400 && location)
      page = await browser.request('GET', new URL(location, server.siteUrl).pathname);
    const html = await page.text();
    if (!page.ok || !html.includes('id="lab-state"')) throw new Error(`lab page failed (${page.status})`);
    figures.joinToLabPageMs.push(performance.now() - entered);
    if (attendee === 0) {
      figures.eventLabPageJsGzipBytes = (
        await labPageInitialJs(server.siteUrl, `/labs/${lab.id}/${lab.firstStep}`, browser.cookieHeader())
      ).totalGzipBytes;
    }
  }
  return figures;
}
