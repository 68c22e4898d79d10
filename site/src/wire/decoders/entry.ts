import type { Evidence } from '@keyless/labs/sandbox';
import type { WireEntry } from '../model.ts';

/** The fields every entry takes from its evidence as they are; a decoder adds the rest. */
export function entryOf(
  evidence: Evidence,
  entry: Omit<WireEntry, 'id' | 'at' | 'ok' | 'error' | 'fields' | 'blocks'> & Partial<Pick<WireEntry, 'fields' | 'blocks'>>,
): WireEntry {
  return {
    id: evidence.id,
    at: evidence.at,
    ok: evidence.outcome === 'success',
    ...(evidence.error === undefined ? {} : { error: evidence.error }),
    fields: [],
    blocks: [],
    ...entry,
  };
}

/** An outcome as a status where the service has none of its own in evidence: 200, or the error's name. */
export function outcomeStatus(evidence: Evidence): string {
  return evidence.outcome === 'success' ? '200' : (evidence.error?.split(':')[0] ?? 'failed');
}

/** Epoch ms as an ISO time to the second (UTC), the way AWS prints expirations. */
export function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
