import type { RunCaller } from './caller.ts';

/** One sandbox endpoint of a Run: a Unix socket on the host, a loopback port inside the Run's network namespace. */
export interface ChannelEndpoint {
  /** What it serves, for logs and the runner's README: `aws` (every HTTP service), `imds`, `mtls`. */
  readonly name: string;
  /** Host path of the socket, inside the channel dir. */
  readonly socketPath: string;
  /** The port attendee code connects to on 127.0.0.1 (and ::1) inside the namespace. */
  readonly jailPort: number;
}

/** The channels of one Run, open from before its process starts until after it ends. */
export interface RunChannelSet {
  /** Empty when the Run shares the host's network (permission-only jail): its requests reach the host's loopback port. */
  readonly endpoints: readonly ChannelEndpoint[];
  close(): Promise<void>;
}

/**
 * Opens a Run's channels. With `dir`, one Unix socket per endpoint is created
 * in it (the runner bind-mounts the dir into the jail); without, the Run is
 * only registered so that evidence arriving on the host port is still
 * attributed to it.
 */
export type RunChannelOpener = (caller: RunCaller, dir: string | undefined) => Promise<RunChannelSet>;
