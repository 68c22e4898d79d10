/** Bounds on one run of attendee code. */
export interface RunLimits {
  /** Wall-clock limit; the whole process group is killed after it. */
  timeoutMs: number;
  /** Cap per stream (stdout, stderr); past it the process is stopped. */
  maxOutputBytes: number;
  /** V8 old-space cap (`--max-old-space-size`), in MiB. */
  maxHeapMb: number;
  /** Size of the scratch dir (TMPDIR), a tmpfs under bwrap; writes past it fail with ENOSPC. */
  maxScratchBytes: number;
}

export const DEFAULT_LIMITS: Readonly<RunLimits> = {
  timeoutMs: 10_000,
  maxOutputBytes: 64 * 1024,
  maxHeapMb: 128,
  // Room for a few certificates, keys and downloaded JWKS; 150 full ones are 2.4 GiB of RAM at worst.
  maxScratchBytes: 16 * 1024 * 1024,
};

/** Fills in defaults and rejects nonsense early (at server start, not mid-workshop). */
export function resolveLimits(partial: Partial<RunLimits> = {}): RunLimits {
  const limits = { ...DEFAULT_LIMITS, ...partial };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new TypeError(`ProcessRunnerOptions.limits.${name} must be a positive integer, got ${String(value)}`);
    }
  }
  return limits;
}

/**
 * The wall-clock limit of one run: what the request asks for, never more than
 * the runner's limit (the server's ceiling protects the whole room).
 */
export function effectiveTimeout(requested: number | undefined, limits: RunLimits): number {
  if (requested === undefined) return limits.timeoutMs;
  if (!Number.isFinite(requested) || requested <= 0) {
    throw new TypeError(`RunRequest.timeoutMs must be a positive number, got ${String(requested)}`);
  }
  return Math.min(Math.ceil(requested), limits.timeoutMs);
}
