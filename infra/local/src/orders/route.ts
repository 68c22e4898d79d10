import type { AttendeeRecord } from '../attendees/index.ts';
import type { SandboxState } from '../state.ts';

/** One method on one resource of the Orders API, with the scopes its authorizer requires. */
export interface OrderRoute {
  readonly method: string;
  /** Resource path without the stage. */
  readonly path: string;
  /** The method's authorization scopes; any one suffices. */
  readonly scopes: readonly string[];
  handle(request: { owner: AttendeeRecord; principal: string; body: Buffer; state: SandboxState }): { status: number; body: unknown; error?: string };
}
