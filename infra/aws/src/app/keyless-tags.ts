import { Tags } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { KEYLESS_PROJECT_TAG_VALUE, KEYLESS_TAGS } from '../contract/tags.ts';

/** The sweep tags (contract/tags.ts) on a stack and everything in it that takes tags. */
export function tagForSweep(
  scope: IConstruct,
  tags: { readonly eventId: string; readonly expiresAt: string; readonly slot?: string },
): void {
  Tags.of(scope).add(KEYLESS_TAGS.project, KEYLESS_PROJECT_TAG_VALUE);
  Tags.of(scope).add(KEYLESS_TAGS.event, tags.eventId.toLowerCase());
  Tags.of(scope).add(KEYLESS_TAGS.expiresAt, tags.expiresAt);
  if (tags.slot) Tags.of(scope).add(KEYLESS_TAGS.attendeeSlot, tags.slot);
}
