import { RunRefusedError, type Sandbox, type SandboxProvider } from '@keyless/labs/sandbox';
import type { EventContext } from './events/event-context.ts';

/** Where an attendee's AWS sandbox is: their event and the pool entry (attendee stack) they claimed. */
export interface AwsSandboxLocation {
  readonly eventId: string;
  readonly sandboxId: string;
}

/**
 * Makes AWS mode's SandboxProvider for a site: given how to find an
 * attendee's claimed pool entry, the provider reads their stacks
 * (@keyless/aws-sandbox's createAwsSandboxProvider over real SDK clients, see
 * start-local.ts). Passed in, so the site runs without AWS when it is absent.
 */
export type AwsSandboxesFactory = (locate: (attendeeId: string) => AwsSandboxLocation | undefined) => SandboxProvider;

/**
 * One provider for the whole site: an attendee of an AWS-mode event gets the
 * AWS sandbox they claimed from the pool; everyone else (self-paced, local
 * events) gets local mode's. One site process serves both.
 */
export function sandboxesByEventMode(
  local: SandboxProvider,
  awsFactory: AwsSandboxesFactory | undefined,
  context: EventContext,
): SandboxProvider {
  const isAws = (attendeeId: string): boolean => {
    const member = context.members.byAttendee(attendeeId);
    return member !== undefined && context.events.get(member.eventId)?.sandboxMode === 'aws';
  };
  const aws = awsFactory?.((attendeeId) => {
    const member = context.members.byAttendee(attendeeId);
    return member?.sandboxId ? { eventId: member.eventId, sandboxId: member.sandboxId } : undefined;
  });
  const awsFor = (attendeeId: string): SandboxProvider => {
    if (!aws) throw new Error('This event uses AWS sandboxes, but this server was started without AWS mode (see docs/aws.md).');
    if (context.members.byAttendee(attendeeId)?.sandboxStatus !== 'ready')
      throw new RunRefusedError(
        'Your AWS sandbox is not ready yet: every provisioned one is taken. Your instructor can add more; try again in a minute.',
        'busy',
        60,
      );
    return aws;
  };
  const waiting = (attendeeId: string): boolean => context.members.byAttendee(attendeeId)?.sandboxStatus === 'waiting';
  return {
    mode: 'local',
    // async: a refusal is a rejected promise, as callers that await expect, never a throw before it.
    forAttendee: async (attendeeId): Promise<Sandbox> =>
      isAws(attendeeId) ? awsFor(attendeeId).forAttendee(attendeeId) : local.forAttendee(attendeeId),
    // An attendee still waiting for a sandbox has none to reset: their reset is already done.
    reset: async (attendeeId) => {
      if (!isAws(attendeeId)) return local.reset(attendeeId);
      if (waiting(attendeeId)) return;
      return awsFor(attendeeId).reset(attendeeId);
    },
  };
}
