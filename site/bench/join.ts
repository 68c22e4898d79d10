/**
 * Code entry → lab page, over HTTP against the real local-mode server: POST
 * /api/join (which creates the attendee's sandbox before answering), then
 * the event's first lab page. Also the initial JS of a lab page for an event
 * attendee (the event bar adds its timer script). Nothing here asserts on time.
 */
import { performance } from 'node:perf_hooks';
import { freshDataDir, startTestServer } from '../e2e/local-server.ts';
import { labPageInitialJs } from './page-weight.ts';

export interface JoinFigures {
  readonly joinToLabPageMs: number[];
  readonly eventLabPageJsGzipBytes: number;
}

export async function measureJoin(options: { labId: string; attendees: number }): Promise<JoinFigures> {
  const server = await startTestServer(freshDataDir());
  try {
    const { runtime } = server;
    const instructor = runtime.instructors.localInstructor();
    const now = Date.now();
    const created = runtime.events.service.create(
      { name: 'Bench', startsAt: now, endsAt: now + 3_600_000, labs: [options.labId], sandboxMode: 'local', capacity: 1000, stuckAfterMinutes: 10 },
      instructor.id,
    );
    if (!created.ok) throw new Error(created.message);
    const code = runtime.events.service.codes(created.value.id)[0]?.code ?? '';
    const figures = { joinToLabPageMs: [] as number[], eventLabPageJsGzipBytes: 0 };
    for (let attendee = 0; attendee < options.attendees; attendee += 1) {
      const entered = performance.now();
      const joined = await fetch(`${server.site.url}/api/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, displayName: `Bench ${attendee}` }),
      });
      if (!joined.ok) throw new Error(`join failed: ${await joined.text()}`);
      const cookie = (joined.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      // The lab's landing URL redirects to the step to continue at; fetch follows it with the cookie.
      const page = await fetch(`${server.site.url}/labs/${options.labId}/`, { headers: { cookie } });
      const html = await page.text();
      if (!page.ok || !html.includes('id="lab-state"')) throw new Error(`lab page failed (${page.status})`);
      figures.joinToLabPageMs.push(performance.now() - entered);
      if (attendee === 0) {
        const firstStep = runtime.findLab(options.labId)?.steps[0]?.slug ?? '';
        figures.eventLabPageJsGzipBytes = (await labPageInitialJs(server.site.url, `/labs/${options.labId}/${firstStep}`, cookie)).totalGzipBytes;
      }
    }
    return figures;
  } finally {
    await server.close();
  }
}
