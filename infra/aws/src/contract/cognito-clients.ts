/**
 * The event's user pool is shared by the room (one pool, one resource
 * server, one domain per event: AWS caps and rate-limits those), so an
 * attendee's app clients are told apart by name: every client an attendee
 * creates is named `<slot>-<anything>`, and the attendee's client-manager
 * role may only touch clients so named. The AWS Sandbox's control plane
 * shows an attendee only their own.
 */
export function attendeeClientNamePrefix(slot: string): string {
  return `${slot}-`;
}
