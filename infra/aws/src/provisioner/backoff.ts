/**
 * Retries an AWS call that was throttled, with exponential backoff and full
 * jitter (sleep a random time in [0, min(cap, base × 2^attempt)]), the
 * scheme the AWS SDKs' standard retry mode uses. The SDK already retries a
 * few times; the provisioner's calls (CreateStack for 100 stacks, K at a
 * time, against CloudFormation's and the services' control-plane rates)
 * need more patience than that, so this wraps the SDK's attempts.
 */
export interface BackoffOptions {
  readonly attempts?: number;
  readonly baseMs?: number;
  readonly capMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** [0, 1); injectable so tests see the delays. */
  readonly random?: () => number;
  readonly onRetry?: (error: Error, attempt: number, delayMs: number) => void;
}

/** Error names AWS services use for "slow down". */
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);

export function isThrottle(error: unknown): error is Error {
  return error instanceof Error && THROTTLED.has(error.name);
}

export async function withBackoff<T>(call: () => Promise<T>, options: BackoffOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 10;
  const baseMs = options.baseMs ?? 500;
  const capMs = options.capMs ?? 30_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!isThrottle(error) || attempt + 1 >= attempts) throw error;
      const delayMs = Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
      options.onRetry?.(error, attempt + 1, delayMs);
      await sleep(delayMs);
    }
  }
}
