import type { IncomingMessage, ServerResponse } from 'node:http';
import { attendeeImds } from '../imds/index.ts';
import type { MtlsFrontDoor } from '../mtls/index.ts';
import type { SandboxState } from '../state.ts';
import type { RunCaller } from './caller.ts';
import { httpServerFor, openChannelSockets, type ChannelService } from './run-channels.ts';
import type { RunChannelSet } from './types.ts';

/**
 * The port attendee code reaches its instance's IMDS on, inside its own
 * network namespace (EC2's is 169.254.169.254:80, an address a namespace
 * without privileges cannot add). 1338 is the port `aws_signing_helper serve`
 * uses for its IMDS stand-in; every Run has the same one, since no two Runs
 * share a network.
 */
const IMDS_JAIL_PORT = 1338;

/**
 * The local sandbox's side of per-run channels: the emulator's HTTP services
 * (on the host's emulator port number, so every URL in the outputs is the
 * same inside the jail), the attendee instance's IMDS and the mutual-TLS
 * front door, each served to one Run as its attendee.
 */
export class RunChannels {
  readonly #state: SandboxState;
  readonly #services: readonly ChannelService[];
  /** Each attendee's Run in progress; at most one per attendee (the run queue's rule). */
  readonly #active = new Map<string, RunCaller>();
  readonly #open = new Set<RunChannelSet>();
  /** `AWS_EC2_METADATA_SERVICE_ENDPOINT` inside the jail, when Runs have their own network. */
  readonly imdsInJail: string | undefined;

  constructor(
    state: SandboxState,
    options: {
      runNetwork: 'namespace' | 'host';
      awsPort: number;
      mtls: MtlsFrontDoor;
      route: (request: IncomingMessage, response: ServerResponse) => void;
    },
  ) {
    this.#state = state;
    const { awsPort, mtls, route } = options;
    const imdsPort =
      [IMDS_JAIL_PORT, IMDS_JAIL_PORT + 1, IMDS_JAIL_PORT + 2].find((port) => port !== awsPort && port !== mtls.port) ?? IMDS_JAIL_PORT;
    this.imdsInJail = options.runNetwork === 'namespace' ? `http://127.0.0.1:${imdsPort}` : undefined;
    this.#services = [
      { name: 'aws', jailPort: awsPort, serverFor: (caller) => httpServerFor(caller, route) },
      { name: 'imds', jailPort: imdsPort, serverFor: (caller) => httpServerFor(caller, attendeeImds(state, caller.attendeeId)) },
      { name: 'mtls', jailPort: mtls.port, serverFor: (caller) => mtls.serverForChannel(caller) },
    ];
    state.evidence.attributeUnchanneledTo((attendeeId) => this.#active.get(attendeeId));
  }

  async open(caller: RunCaller, dir: string | undefined): Promise<RunChannelSet> {
    this.#state.iam.account(caller.attendeeId); // provisioned before its first request
    const sockets =
      dir === undefined ? { endpoints: [], close: () => Promise.resolve() } : await openChannelSockets(caller, dir, this.#services);
    this.#active.set(caller.attendeeId, caller);
    const set: RunChannelSet = {
      endpoints: sockets.endpoints,
      close: async () => {
        if (this.#active.get(caller.attendeeId) === caller) this.#active.delete(caller.attendeeId);
        this.#open.delete(set);
        await sockets.close();
      },
    };
    this.#open.add(set);
    return set;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#open].map((set) => set.close()));
  }
}
