/**
 * How many request-body bytes each route may receive, decided before the
 * body is read: without a bound, two unauthenticated 200 MB POSTs to
 * /api/join were buffered whole. Each size is what the route needs, with
 * room to spare; the first matching row wins.
 */
const KiB = 1024;
const MiB = 1024 * KiB;

interface BodyLimit {
  readonly pattern: RegExp;
  readonly maxBytes: number;
}

export const BODY_LIMITS: readonly BodyLimit[] = [
  // A Run's files (and the autosaved workspace, the same files) are at most 1 MiB for the runner;
  // JSON escaping of quotes and newlines can nearly double that on the wire.
  { pattern: /^\/api\/labs\/[^/]+\/(?:run|workspace)$/, maxBytes: 2 * MiB },
  // Personal codes for a whole room: a few hundred names of up to a line each.
  { pattern: /^\/api\/instructor\/events\/[^/]+\/codes\/named$/, maxBytes: 64 * KiB },
  // Creating an event: a name, times, a list of lab ids.
  { pattern: /^\/api\/instructor\/events$/, maxBytes: 16 * KiB },
  // Join, login, extend, unlock and the bodiless actions: a code, a name, a secret, a number.
  { pattern: /^\/api\//, maxBytes: 8 * KiB },
];

/** Pages take no body at all; a little slack for clients that send an empty form. */
const DEFAULT_MAX_BYTES = 1 * KiB;

/** The byte limit for a request to `pathname` (percent-decoded, as routing sees it). */
export function bodyLimitFor(pathname: string): number {
  return BODY_LIMITS.find((limit) => limit.pattern.test(pathname))?.maxBytes ?? DEFAULT_MAX_BYTES;
}
