import type { Evidence, EvidenceKind } from '@keyless/labs/sandbox';
import type { RunWindows } from './run-windows.ts';

const KINDS: ReadonlySet<string> = new Set<EvidenceKind>([
  'token-issued',
  'api-call',
  'control-plane-call',
  'sts-call',
  'imds-request',
  'tls-handshake',
  'certificate',
  'rolesanywhere-session',
  'decision',
]);

/** Attributes of an evidence item that are storage, not evidence. */
const STORAGE = new Set(['attendeeSlot', 'sk', 'ttl', 'attendeeId', 'id', 'labId', 'runId']);

/**
 * One recorded item (a DynamoDB evidence-table item, or an IMDS recorder
 * line) as the labs' Evidence: attributed to the site's attendee, numbered
 * so later items have larger ids, and given the Run it happened in. An item
 * that is not evidence (unknown kind, no time, no outcome) is dropped, not
 * guessed at: a check then fails with "not seen yet" instead of passing on
 * garbage.
 */
export function toEvidence(item: Record<string, unknown>, attendeeId: string, ordinal: number, windows: RunWindows): Evidence | undefined {
  const { kind, at, outcome } = item;
  if (typeof kind !== 'string' || !KINDS.has(kind)) return undefined;
  if (typeof at !== 'number' || !Number.isFinite(at)) return undefined;
  if (outcome !== 'success' && outcome !== 'failure') return undefined;
  const fields = Object.fromEntries(Object.entries(item).filter(([name]) => !STORAGE.has(name)));
  const window = windows.at(at);
  return {
    ...fields,
    kind,
    at,
    outcome,
    attendeeId,
    // Millisecond time first, then the order within the page: monotonic enough for "newest first" ties.
    id: Math.trunc(at) * 1000 + (ordinal % 1000),
    ...(window ? { runId: window.runId, ...(window.labId === undefined ? {} : { labId: window.labId }) } : {}),
  } as Evidence;
}
