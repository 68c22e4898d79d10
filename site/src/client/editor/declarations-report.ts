/**
 * The two messages the lab's TypeScript worker (ts.worker.ts) and the page
 * (typescript-worker.ts) exchange beside Monaco's own protocol, which
 * ignores any message without its `vsWorker` field: the page says where the
 * packages' declarations are, before Monaco's first message; the worker says
 * when they are in its language service, or why they could not be.
 */

/** Page → worker, first: the declarations' URL. */
export interface DeclarationsRequest {
  readonly keylessDeclarations: string;
}

/** Moments in the worker's life, as epoch ms (`performance.timeOrigin + performance.now()`), so the page can put them on its own timeline. */
export interface WorkerTimings {
  readonly started: number;
  readonly fetched: number;
  readonly parsed: number;
  readonly programBuilt: number;
}

/** Worker → page, once: the declarations are in (with how many files and when each step finished), or they failed to load. */
export type DeclarationsReport =
  | { readonly keylessDeclarationsLoaded: { readonly files: number; readonly timings: WorkerTimings } }
  | { readonly keylessDeclarationsFailed: string };

export function isDeclarationsRequest(data: unknown): data is DeclarationsRequest {
  return typeof data === 'object' && data !== null && typeof (data as Partial<DeclarationsRequest>).keylessDeclarations === 'string';
}

export function isDeclarationsReport(data: unknown): data is DeclarationsReport {
  return typeof data === 'object' && data !== null && ('keylessDeclarationsLoaded' in data || 'keylessDeclarationsFailed' in data);
}
