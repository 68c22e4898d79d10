import type { CloudFormationClient, Tag } from '@aws-sdk/client-cloudformation';
import { attendeeSlot, attendeeStackName, awsEventName, eventStackName } from '../contract/stack-outputs.ts';
import { KEYLESS_PROJECT_TAG_VALUE, KEYLESS_TAGS } from '../contract/tags.ts';
import type { BackoffOptions } from './backoff.ts';
import { deployStack } from './deploy-stack.ts';
import { forEachLimited } from './limit-concurrency.ts';
import type { ProvisionState, StateStore } from './state-file.ts';
import type { TemplateSource } from './templates.ts';

/** Where ready sandboxes go: the site's pool table, which its join flow claims from. Adding one twice is a no-op. */
export interface PoolSink {
  add(eventId: string, sandboxId: string, at: number): void;
}

export interface ProvisionOptions {
  readonly eventId: string;
  readonly attendees: number;
  readonly concurrency: number;
  readonly cloudformation: CloudFormationClient;
  readonly templates: TemplateSource;
  readonly state: StateStore;
  readonly pool: PoolSink;
  /** ISO-8601: when everything of the event becomes a leftover (event end + grace); the TTL tag. */
  readonly expiresAt: string;
  readonly backoff?: BackoffOptions;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly pollMs?: number;
  readonly now?: () => number;
  /** Stops starting new stacks (Ctrl-C); stacks in flight finish, and a later run resumes. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { done: number; failed: number; total: number; slot?: string }) => void;
}

export interface ProvisionResult {
  readonly pooled: readonly string[];
  readonly failed: readonly { slot: string; error: string }[];
  /** Slots not attempted because the run was stopped. */
  readonly skipped: readonly string[];
}

/**
 * Provisions an event: the event stack, then N attendee stacks K at a time,
 * each added to the pool as soon as it is up. Idempotent and resumable: the
 * state store says which slots reached the pool, CloudFormation says which
 * stacks exist, and every step is safe to repeat.
 */
export async function provision(options: ProvisionOptions): Promise<ProvisionResult> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pollMs = options.pollMs ?? 15_000;
  const backoff = { sleep, ...options.backoff };
  const state = initialState(options.state.load(), options.eventId, options.attendees);
  options.state.save(state);
  const eventTags = tags(options.eventId, options.expiresAt);

  if (state.eventStack !== 'ready') {
    await deployStack({
      cloudformation: options.cloudformation,
      stackName: eventStackName(options.eventId),
      template: await options.templates.event(),
      parameters: { EventId: awsEventName(options.eventId), ExpiresAt: options.expiresAt },
      tags: eventTags,
      backoff,
      sleep,
      pollMs,
    });
    state.eventStack = 'ready';
    options.state.save(state);
  }

  const slots = Object.keys(state.slots).sort();
  const total = slots.length;
  const count = (status: string): number => Object.values(state.slots).filter((slot) => slot.status === status).length;
  const report = (slot?: string): void =>
    options.onProgress?.({ done: count('pooled'), failed: count('failed'), total, ...(slot ? { slot } : {}) });
  report();
  const skipped: string[] = [];
  await forEachLimited(slots, options.concurrency, async (slot) => {
    const entry = state.slots[slot];
    if (!entry || entry.status === 'pooled') return;
    if (options.signal?.aborted === true) {
      skipped.push(slot);
      return;
    }
    const stackName = attendeeStackName(options.eventId, slot);
    try {
      entry.status = 'deploying';
      delete entry.error;
      options.state.save(state);
      await deployStack({
        cloudformation: options.cloudformation,
        stackName,
        template: await options.templates.attendee(slot),
        parameters: { EventId: awsEventName(options.eventId), AttendeeSlot: slot, ExpiresAt: options.expiresAt },
        tags: [...eventTags, { Key: KEYLESS_TAGS.attendeeSlot, Value: slot }],
        backoff,
        sleep,
        pollMs,
      });
      entry.status = 'ready';
      options.state.save(state);
      options.pool.add(options.eventId, stackName, now());
      entry.status = 'pooled';
      options.state.save(state);
    } catch (error) {
      entry.status = 'failed';
      entry.error = error instanceof Error ? error.message : String(error);
      options.state.save(state);
    }
    report(slot);
  });
  return {
    pooled: slots.filter((slot) => state.slots[slot]?.status === 'pooled'),
    failed: slots.flatMap((slot) => {
      const entry = state.slots[slot];
      return entry?.status === 'failed' ? [{ slot, error: entry.error ?? 'failed' }] : [];
    }),
    skipped,
  };
}

function initialState(saved: ProvisionState | undefined, eventId: string, attendees: number): ProvisionState {
  if (saved && saved.eventId !== eventId) throw new Error(`the state file belongs to event ${saved.eventId}, not ${eventId}`);
  const state: ProvisionState = saved ?? { eventId, attendees, slots: {}, eventStack: 'pending' };
  // More attendees than last time adds slots; fewer keeps what exists (teardown removes stacks, not provision).
  for (let index = 1; index <= attendees; index += 1) {
    const slot = attendeeSlot(index);
    state.slots[slot] ??= { status: 'pending' };
  }
  return { ...state, attendees: Math.max(attendees, state.attendees) };
}

function tags(eventId: string, expiresAt: string): Tag[] {
  return [
    { Key: KEYLESS_TAGS.project, Value: KEYLESS_PROJECT_TAG_VALUE },
    { Key: KEYLESS_TAGS.event, Value: awsEventName(eventId) },
    { Key: KEYLESS_TAGS.expiresAt, Value: expiresAt },
  ];
}
