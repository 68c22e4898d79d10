/**
 * Tags every resource of an event carries, so teardown can sweep what stack
 * deletion left behind (in every enabled region) and a forgotten event is found
 * by its expiry.
 */
export const KEYLESS_TAGS = {
  /** Marks a resource as Keyless's; the sweep only ever deletes resources with this tag. */
  project: 'keyless:project',
  /** The event id (the site's event id, lower-case), on the event stack and every attendee stack. */
  event: 'keyless:event',
  /** The attendee slot (`a001`, `a002`, …) on attendee stacks and their resources; absent on the event stack. */
  attendeeSlot: 'keyless:attendee-slot',
  /** ISO-8601 instant after which the resource is a leftover (event end + grace). */
  expiresAt: 'keyless:expires-at',
} as const;

/** The value of the project tag. */
export const KEYLESS_PROJECT_TAG_VALUE = 'keyless';
