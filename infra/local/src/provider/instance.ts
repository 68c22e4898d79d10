import { outputsToEnv, type SandboxInstance } from '@keyless/labs/sandbox';
import type { LocalAws } from '../local-aws.ts';

/** Builds the process (or other runtime) attendee code runs in, given the environment it must see. */
export interface InstanceFactory {
  (context: { attendeeId: string; env: Readonly<Record<string, string>> }): SandboxInstance;
}

/** The environment attendee code runs with: the sandbox outputs plus the instance role's credentials. */
export async function instanceEnv(aws: LocalAws, attendeeId: string): Promise<Record<string, string>> {
  const [outputs, credentials] = await Promise.all([aws.outputs(attendeeId), aws.credentials(attendeeId)]);
  return {
    ...outputsToEnv(outputs),
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
  };
}

/**
 * The attendee's instance. Credentials rotate and a reset changes the ids,
 * so the environment is recomputed before each run and the factory is asked
 * for a new instance only when it changed.
 */
export function localInstance(aws: LocalAws, attendeeId: string, createInstance: InstanceFactory, initialEnv: Record<string, string>): SandboxInstance {
  let current = { key: JSON.stringify(initialEnv), instance: createInstance({ attendeeId, env: initialEnv }) };
  return {
    async run(request) {
      const env = await instanceEnv(aws, attendeeId);
      const key = JSON.stringify(env);
      if (key !== current.key) current = { key, instance: createInstance({ attendeeId, env }) };
      return current.instance.run(request);
    },
  };
}
