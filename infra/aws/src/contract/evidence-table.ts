/**
 * The evidence table's item shape: what every Lambda of the event stack
 * writes and the AWS Sandbox reads. One place, so writer and reader agree.
 *
 * - partition key `attendeeSlot` (S): the attendee slot the Lambda attributed
 *   the request to (`a001`, …), from the authorizer's principal, never from
 *   anything the caller can set;
 * - sort key `sk` (S): `<epoch ms, 13 digits>#<unique suffix>`, so a Query
 *   with `ScanIndexForward: false` returns newest first;
 * - `kind` (S), `at` (N, epoch ms), `outcome` (S), `error` (S, optional) and
 *   the kind's own fields as top-level attributes, named as in the labs'
 *   `Evidence` types (`labs/src/sandbox/evidence.ts`);
 * - `ttl` (N, epoch seconds): DynamoDB TTL deletes the item after the event.
 */
export const EVIDENCE_TABLE = {
  partitionKey: 'attendeeSlot',
  sortKey: 'sk',
  ttlAttribute: 'ttl',
} as const;

/** The sort key for an item recorded at `at` (epoch ms); `suffix` makes it unique (a request id). */
export function evidenceSortKey(at: number, suffix: string): string {
  return `${String(Math.trunc(at)).padStart(13, '0')}#${suffix}`;
}
