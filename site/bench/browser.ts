/**
 * One simulated browser for the bench: a cookie jar and the calls a lab page
 * makes (join, Run with its NDJSON stream, Check), each timed from "click" to
 * the answer. Deliberately small and separate from tests/test-support: a bench
 * must keep going and count failures, never throw on the first one.
 */
import { performance } from 'node:perf_hooks';

export interface RunExit {
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly durationMs: number;
  readonly timedOut: boolean;
}

export interface RunTiming {
  readonly status: number;
  /** Click to the exit line (or to the refusal). */
  readonly ms: number;
  readonly exit: RunExit | undefined;
  /** Seconds, from Retry-After on a 429. */
  readonly retryAfter: number | undefined;
  /** Why this Run does not count as a success; undefined when it exited 0. */
  readonly error: string | undefined;
}

export class Browser {
  private readonly cookies = new Map<string, string>();
  readonly siteUrl: string;
  /** Every request gives up after this (a bench must stop by itself); a Run that waits longer counts as an error. */
  readonly timeoutMs: number;
  csrf = '';

  constructor(siteUrl: string, timeoutMs = 120_000) {
    this.siteUrl = siteUrl;
    this.timeoutMs = timeoutMs;
  }

  /** The jar as a Cookie header, for helpers that fetch on their own (page weight). */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { origin: this.siteUrl };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader();
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const response = await fetch(`${this.siteUrl}${path}`, {
      method,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(this.timeoutMs),
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [name, ...value] = (line.split(';')[0] ?? '').split('=');
      if (name) this.cookies.set(name.trim(), value.join('='));
    }
    return response;
  }

  /** Joins an event with its access code, as /join does. */
  async join(code: string, displayName: string): Promise<void> {
    const joined = await this.request('POST', '/api/join', { code, displayName });
    if (joined.status !== 200) throw new Error(`join refused (${joined.status}): ${await joined.text()}`);
  }

  /** A self-paced session (no event): the cookie the home page sets. */
  async visit(): Promise<void> {
    await (await this.request('GET', '/')).arrayBuffer();
  }

  async run(labId: string, files: Record<string, string>): Promise<RunTiming> {
    const started = performance.now();
    let response: Response;
    try {
      response = await this.request('POST', `/api/labs/${labId}/run`, { files });
    } catch (error) {
      return {
        status: 0,
        ms: performance.now() - started,
        exit: undefined,
        retryAfter: undefined,
        error: `request failed: ${String(error)}`,
      };
    }
    const text = await response.text().catch((error: unknown) => `\n{"type":"error","message":"stream broke: ${String(error)}"}`);
    const ms = performance.now() - started;
    if (response.status !== 200) {
      const retry = response.headers.get('retry-after');
      return {
        status: response.status,
        ms,
        exit: undefined,
        retryAfter: retry === null ? undefined : Number(retry),
        error: `HTTP ${response.status}: ${text.slice(0, 200)}`,
      };
    }
    const events = text
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as { type?: string; message?: string });
    const exit = events.find((event) => event.type === 'exit') as RunExit | undefined;
    const failed = events.find((event) => event.type === 'error');
    const error =
      exit?.exitCode === 0
        ? undefined
        : failed
          ? `error event: ${failed.message ?? ''}`
          : `exit ${JSON.stringify(exit ?? null)}: ${text.slice(-300)}`;
    return { status: response.status, ms, exit, retryAfter: undefined, error };
  }

  async check(labId: string): Promise<{ status: number; ms: number; passed: boolean }> {
    const started = performance.now();
    try {
      const response = await this.request('POST', `/api/labs/${labId}/check`, {});
      const report = (await response.json()) as { passed?: boolean };
      return { status: response.status, ms: performance.now() - started, passed: report.passed === true };
    } catch {
      return { status: 0, ms: performance.now() - started, passed: false };
    }
  }
}
