import { GetApiKeyCommand } from '@aws-sdk/client-api-gateway';
import { outputsToEnv, type Sandbox, type SandboxOutputs, type SandboxProvider } from '@keyless/labs/sandbox';
import { ATTENDEE_STACK_OUTPUTS, EVENT_STACK_OUTPUTS, eventStackName } from '../contract/stack-outputs.ts';
import { createAwsSandboxClients, type AwsSandboxClients } from './aws-clients.ts';
import { createCognitoControlPlane } from './cognito-control-plane.ts';
import { AWS_CONSISTENCY_WINDOW_MS } from './consistency-window.ts';
import { createAwsEvidenceLog } from './evidence-log.ts';
import { readImdsLog } from './imds-log.ts';
import { resetAwsSandbox } from './reset.ts';
import { createRunWindows } from './run-windows.ts';
import { toSandboxOutputs } from './sandbox-outputs.ts';
import { createSsmInstance } from './ssm-instance.ts';
import { readStackOutputs, requireOutput } from './stack-outputs-reader.ts';

/** Where an attendee's sandbox is: their event and the pool entry they claimed (the attendee stack's name). */
export interface SandboxLocation {
  readonly eventId: string;
  readonly sandboxId: string;
}

export interface AwsSandboxProviderOptions {
  readonly clients: AwsSandboxClients;
  /** The site's answer to "which sandbox did this attendee claim?"; undefined while they wait for one. */
  readonly locate: (attendeeId: string) => SandboxLocation | undefined;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly pollMs?: number;
}

/** Thrown for an attendee with no claimed AWS sandbox; the site says "waiting for a sandbox". */
export class NoAwsSandboxError extends Error {
  constructor(attendeeId: string) {
    super(`attendee ${attendeeId} has no AWS sandbox yet (the event's pool is empty or they have not claimed one)`);
    this.name = 'NoAwsSandboxError';
  }
}

/** The attendee slot of a pool entry: `keyless-<event>-a001` → `a001`. */
export function slotOf(location: SandboxLocation): string {
  const prefix = `${eventStackName(location.eventId)}-`;
  const slot = location.sandboxId.startsWith(prefix) ? location.sandboxId.slice(prefix.length) : '';
  if (!/^a\d{3}$/.test(slot)) throw new Error(`pool entry ${location.sandboxId} is not an attendee stack of event ${location.eventId}`);
  return slot;
}

/**
 * AWS mode's SandboxProvider: one attendee's sandbox is the event stack
 * (shared) plus the attendee stack they claimed from the pool. Nothing is
 * provisioned here; that is the provisioner's job, ahead of the session.
 */
export function createAwsSandboxProvider(options: AwsSandboxProviderOptions): SandboxProvider {
  const { clients } = options;
  const sandboxes = new Map<string, Promise<Sandbox>>();
  const build = async (attendeeId: string): Promise<Sandbox> => {
    const location = options.locate(attendeeId);
    if (!location) throw new NoAwsSandboxError(attendeeId);
    const slot = slotOf(location);
    const eventStack = eventStackName(location.eventId);
    const [event, attendee] = await Promise.all([
      readStackOutputs(clients.cloudformation, eventStack),
      readStackOutputs(clients.cloudformation, location.sandboxId),
    ]);
    const key = await clients.apiGateway.send(
      new GetApiKeyCommand({
        apiKey: requireOutput(attendee, ATTENDEE_STACK_OUTPUTS.ordersApiKeyId, location.sandboxId),
        includeValue: true,
      }),
    );
    if (key.value === undefined) throw new Error(`API key of ${location.sandboxId} has no value`);
    const outputs: SandboxOutputs = toSandboxOutputs({
      event,
      attendee,
      eventStack,
      attendeeStack: location.sandboxId,
      slot,
      apiKeyValue: key.value,
    });
    const instanceId = requireOutput(attendee, ATTENDEE_STACK_OUTPUTS.instanceId, location.sandboxId);
    const windows = createRunWindows();
    const timing = {
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
    };
    return {
      attendeeId,
      mode: 'aws',
      outputs: () => Promise.resolve(outputs),
      instance: createSsmInstance({ ssm: clients.ssm, instanceId, env: () => Promise.resolve(outputsToEnv(outputs)), windows, ...timing }),
      evidence: createAwsEvidenceLog({
        documents: clients.documents,
        tableName: requireOutput(event, EVENT_STACK_OUTPUTS.evidenceTableName, eventStack),
        slot,
        attendeeId,
        windows,
        readImds: () => readImdsLog({ ssm: clients.ssm, instanceId, ...timing }),
      }),
      controlPlane: createCognitoControlPlane({ cognito: clients.cognito, userPoolId: outputs.cognitoUserPoolId, slot }),
      consistencyWindowMs: AWS_CONSISTENCY_WINDOW_MS,
    };
  };
  return {
    mode: 'aws',
    forAttendee(attendeeId) {
      let sandbox = sandboxes.get(attendeeId);
      if (!sandbox) {
        sandbox = build(attendeeId);
        // A failed look-up (stack not ready, no claim yet) is not cached: the next call tries again.
        sandbox.catch(() => sandboxes.delete(attendeeId));
        sandboxes.set(attendeeId, sandbox);
      }
      return sandbox;
    },
    async reset(attendeeId) {
      const sandbox = await this.forAttendee(attendeeId);
      const location = options.locate(attendeeId);
      if (!location) throw new NoAwsSandboxError(attendeeId);
      const event = await readStackOutputs(clients.cloudformation, eventStackName(location.eventId));
      const attendee = await readStackOutputs(clients.cloudformation, location.sandboxId);
      await resetAwsSandbox({
        clients,
        slot: slotOf(location),
        tableName: requireOutput(event, EVENT_STACK_OUTPUTS.evidenceTableName, eventStackName(location.eventId)),
        userPoolId: (await sandbox.outputs()).cognitoUserPoolId,
        instanceId: requireOutput(attendee, ATTENDEE_STACK_OUTPUTS.instanceId, location.sandboxId),
        ...(options.sleep ? { sleep: options.sleep } : {}),
        ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
      });
      sandboxes.delete(attendeeId);
    },
  };
}

/** The site's AWS mode for a region: real SDK clients (credentials from the default chain), one provider per site process. */
export function awsSandboxesFor(region: string): (locate: (attendeeId: string) => SandboxLocation | undefined) => SandboxProvider {
  return (locate) => createAwsSandboxProvider({ clients: createAwsSandboxClients(region), locate });
}
