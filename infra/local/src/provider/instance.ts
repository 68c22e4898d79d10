import { outputsToEnv, type SandboxInstance } from '@keyless/labs/sandbox';
import type { RunChannelOpener } from '../channels/types.ts';
import type { LocalAws } from '../local-aws.ts';

/**
 * Builds the process (or other runtime) attendee code runs in, given the
 * environment it must see and how each Run opens its channels to the sandbox.
 */
export interface InstanceFactory {
  (context: { attendeeId: string; env: Readonly<Record<string, string>>; openChannels: RunChannelOpener }): SandboxInstance;
}

/**
 * The environment attendee code runs with: the sandbox outputs and nothing
 * else. No access keys: as on EC2, the SDK's default credential chain finds
 * the instance role through the instance's metadata service, here at
 * `AWS_EC2_METADATA_SERVICE_ENDPOINT` (one of the outputs' endpoint overrides).
 */
export async function instanceEnv(aws: LocalAws, attendeeId: string): Promise<Record<string, string>> {
  return outputsToEnv(await aws.outputs(attendeeId));
}

/**
 * The attendee's instance. A reset changes the ids (and a restart may move
 * the IMDS port), so the environment is recomputed before each run and the
 * factory is asked for a new instance only when it changed.
 */
export function localInstance(
  aws: LocalAws,
  attendeeId: string,
  createInstance: InstanceFactory,
  initialEnv: Record<string, string>,
): SandboxInstance {
  const openChannels = aws.openRunChannels;
  let current = { key: JSON.stringify(initialEnv), instance: createInstance({ attendeeId, env: initialEnv, openChannels }) };
  return {
    async run(request) {
      const env = await instanceEnv(aws, attendeeId);
      const key = JSON.stringify(env);
      if (key !== current.key) current = { key, instance: createInstance({ attendeeId, env, openChannels }) };
      return current.instance.run(request);
    },
  };
}
