import type { Sandbox, SandboxProvider } from '@keyless/labs/sandbox';
import type { LocalAws } from '../local-aws.ts';
import { localControlPlane } from './control-plane.ts';
import { instanceEnv, localInstance, type InstanceFactory } from './instance.ts';

/**
 * Local mode's SandboxProvider: each attendee's sandbox lives in the shared
 * emulator. Sandboxes are cached per attendee (SDK client, instance), so
 * repeated `forAttendee` calls on a hot path cost a map lookup.
 */
export class LocalSandboxProvider implements SandboxProvider {
  readonly mode = 'local' as const;
  readonly #aws: LocalAws;
  readonly #createInstance: InstanceFactory;
  readonly #sandboxes = new Map<string, Promise<Sandbox>>();

  constructor(options: { aws: LocalAws; createInstance: InstanceFactory }) {
    this.#aws = options.aws;
    this.#createInstance = options.createInstance;
  }

  forAttendee(attendeeId: string): Promise<Sandbox> {
    let sandbox = this.#sandboxes.get(attendeeId);
    if (!sandbox) {
      sandbox = this.#create(attendeeId);
      this.#sandboxes.set(attendeeId, sandbox);
      // A failed provisioning must not be cached forever.
      sandbox.catch(() => this.#sandboxes.delete(attendeeId));
    }
    return sandbox;
  }

  async reset(attendeeId: string): Promise<void> {
    await this.#aws.reset(attendeeId);
    // Outputs are read fresh on every call and the instance follows its env,
    // so the cached sandbox stays valid across a reset.
  }

  async #create(attendeeId: string): Promise<Sandbox> {
    const aws = this.#aws;
    await aws.provision(attendeeId);
    const env = await instanceEnv(aws, attendeeId);
    return {
      attendeeId,
      mode: 'local',
      consistencyWindowMs: 0,
      outputs: () => aws.outputs(attendeeId),
      instance: localInstance(aws, attendeeId, this.#createInstance, env),
      evidence: aws.evidence(attendeeId),
      controlPlane: localControlPlane(aws, attendeeId),
    };
  }
}
