import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is calling, as the per-run channel a request arrived on says: the
 * channel's host end is created for one attendee's Run, so this is known by
 * construction, never read from a port number, a header or anything in the
 * request that attendee code could forge.
 */
export interface RunCaller {
  readonly attendeeId: string;
  /** The lab whose Run opened the channel (absent for a Run outside any lab). */
  readonly labId?: string | undefined;
  /** The Run, unique per press of Run. */
  readonly runId: string;
}

/**
 * The caller of the request being handled, carried through its async work
 * (handlers, stores, evidence) without threading a parameter through every
 * service: a request that arrived on a per-run channel runs inside
 * `callerStore.run(caller, …)`; one from the host's own loopback port (the
 * checker's control-plane reads, tests, permission-only runs) has none.
 */
const callerStore = new AsyncLocalStorage<RunCaller>();

export function runAsCaller<T>(caller: RunCaller, work: () => T): T {
  return callerStore.run(caller, work);
}

export function currentCaller(): RunCaller | undefined {
  return callerStore.getStore();
}

/**
 * Whether the current request may see a resource owned by `attendeeId`: a
 * Run sees its own attendee's sandbox and nothing else; a request without a
 * channel is judged by the services alone, as before channels existed.
 */
export function visibleToCaller(attendeeId: string | undefined): boolean {
  const caller = callerStore.getStore();
  return caller === undefined || caller.attendeeId === attendeeId;
}
