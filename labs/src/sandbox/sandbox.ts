import type { ControlPlane } from './control-plane.ts';
import type { EvidenceLog } from './evidence.ts';
import type { SandboxInstance } from './instance.ts';
import type { SandboxOutputs } from './outputs.ts';

/** Where sandboxes live: emulated on this machine (`local`), or real per-attendee AWS accounts (`aws`). */
export const SANDBOX_MODES = ['local', 'aws'] as const;
export type SandboxMode = (typeof SANDBOX_MODES)[number];

/**
 * One attendee's sandbox. Everything that differs between "on this laptop"
 * and "in a real AWS account" hides behind this interface.
 */
export interface Sandbox {
  readonly attendeeId: string;
  readonly mode: SandboxMode;
  outputs(): Promise<SandboxOutputs>;
  readonly instance: SandboxInstance;
  readonly evidence: EvidenceLog;
  readonly controlPlane: ControlPlane;
  /**
   * How long checks keep polling before they give up on evidence that has not
   * arrived yet. Local evidence is synchronous (0); AWS needs a few seconds.
   */
  readonly consistencyWindowMs: number;
}

/** Creates, finds and resets sandboxes. */
export interface SandboxProvider {
  readonly mode: SandboxMode;
  /** The attendee's sandbox, provisioning it on first use. */
  forAttendee(attendeeId: string): Promise<Sandbox>;
  /** Discards everything the attendee's sandbox holds and starts it afresh. */
  reset(attendeeId: string): Promise<void>;
}
