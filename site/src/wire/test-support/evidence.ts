import type { Evidence, EvidenceKind, EvidenceOf } from '@keyless/labs/sandbox';
import type { WireEntry } from '../model.ts';

/** One evidence event as the store returns it: the common fields filled in, the kind's own from `fields`. */
export function evidence<K extends EvidenceKind>(
  kind: K,
  fields: Omit<EvidenceOf<K>, 'id' | 'at' | 'attendeeId' | 'kind' | 'outcome'> & { outcome?: Evidence['outcome'] },
): EvidenceOf<K> {
  return {
    id: 7,
    at: Date.parse('2026-12-02T03:00:00Z'),
    attendeeId: 'ada',
    kind,
    outcome: 'success',
    labId: 'lab',
    runId: 'r-0123456789ab',
    ...fields,
  } as EvidenceOf<K>;
}

/** The value of the field labelled `label`, or a failure naming the labels there are. */
export function field(entry: WireEntry, label: string): string {
  const found = entry.fields.find((candidate) => candidate.label === label);
  if (!found) throw new Error(`no field "${label}"; there are: ${entry.fields.map((candidate) => candidate.label).join(', ')}`);
  return found.value;
}

/** Every field has its one line of explanation. */
export function explained(entry: WireEntry): boolean {
  return entry.fields.every((candidate) => candidate.explain.length > 10) && entry.blocks.every((block) => block.explain.length > 10);
}
