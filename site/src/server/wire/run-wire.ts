import type { Evidence, EvidenceKind, EvidenceLog } from '@keyless/labs/sandbox';
import { decodeEvidence } from '../../wire/decode.ts';
import type { WireRun } from '../../wire/model.ts';

/** Every kind the Wire view reads; a kind added to the contract shows once it is listed here. */
const KINDS = [
  'token-issued',
  'api-call',
  'control-plane-call',
  'sts-call',
  'imds-request',
  'tls-handshake',
  'certificate',
  'rolesanywhere-session',
  'decision',
] as const satisfies readonly EvidenceKind[];

/** A Run makes a few dozen requests; a runaway loop is cut off here, newest kept. */
const MAX_ENTRIES_PER_KIND = 200;
/** How far back "the last Runs" looks, per kind. */
const RECENT_PER_KIND = 100;

/** A Run id as the runner makes them (`r-` and 12 hex digits); anything else is refused before a query. */
export const RUN_ID = /^r-[0-9a-f]{12}$/;

/** One Run's requests from the attendee's own evidence log, oldest first; undefined when the sandbox saw none. */
export async function wireOfRun(evidence: EvidenceLog, runId: string): Promise<WireRun | undefined> {
  const found = (await Promise.all(KINDS.map((kind) => evidence.query({ kind, runId, limit: MAX_ENTRIES_PER_KIND })))).flat();
  const own = found.filter((event) => event.runId === runId);
  return own.length === 0 ? undefined : toRun(runId, own);
}

/** The newest Runs (of one lab, if given) that the sandbox saw requests from, newest first. */
export async function recentRuns(evidence: EvidenceLog, options: { labId?: string; runs: number }): Promise<WireRun[]> {
  const found = (
    await Promise.all(
      KINDS.map((kind) =>
        evidence.query({ kind, limit: RECENT_PER_KIND, ...(options.labId === undefined ? {} : { labId: options.labId }) }),
      ),
    )
  ).flat();
  const byRun = new Map<string, Evidence[]>();
  for (const event of found) {
    if (event.runId === undefined || (options.labId !== undefined && event.labId !== options.labId)) continue;
    const list = byRun.get(event.runId) ?? [];
    list.push(event);
    byRun.set(event.runId, list);
  }
  const newestFirst = [...byRun.entries()].sort(([, a], [, b]) => newestId(b) - newestId(a));
  return newestFirst.slice(0, options.runs).map(([runId, events]) => toRun(runId, events));
}

function toRun(runId: string, events: readonly Evidence[]): WireRun {
  const ordered = [...events].sort((a, b) => a.id - b.id);
  return { runId, labId: ordered[0]?.labId, entries: ordered.map(decodeEvidence) };
}

function newestId(events: readonly Evidence[]): number {
  return Math.max(...events.map((event) => event.id));
}
