/**
 * Names that carry the attendee slot, so a Lambda can attribute a request to
 * an attendee from what AWS itself authenticated (an assumed-role ARN, an
 * API key's name, a client certificate's subject) and never from anything
 * the caller can set. The attendee stack creates resources with these names;
 * the event stack's Lambdas parse them back.
 */

/** Event ids and slots as they appear in names: lower-case letters, digits and `-`. */
const NAME_PART = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

function checkPart(kind: string, value: string): string {
  if (!NAME_PART.test(value)) throw new RangeError(`${kind} must be 1–32 lower-case letters, digits or '-': ${JSON.stringify(value)}`);
  return value;
}

/** What each attendee role is for; the suffix of its name. */
export type AttendeeRolePurpose = 'instance' | 'orders' | 'client-manager' | 'roles-anywhere' | 'ci';

/** `keyless-<event>-<slot>-<purpose>`: at most 64 characters, IAM's limit for role names. */
export function attendeeRoleName(eventId: string, slot: string, purpose: AttendeeRolePurpose): string {
  return `keyless-${checkPart('event id', eventId)}-${checkPart('slot', slot)}-${purpose}`;
}

/** The Orders API key of a slot is named like its stack: `keyless-<event>-<slot>`. */
export function attendeeApiKeyName(eventId: string, slot: string): string {
  return `keyless-${checkPart('event id', eventId)}-${checkPart('slot', slot)}`;
}

/** The subject CN the workshop CA puts in a slot's certificates (whatever the CSR asked for). */
export function attendeeCommonName(eventId: string, slot: string): string {
  return `keyless-${checkPart('event id', eventId)}-${checkPart('slot', slot)}`;
}

const SLOT = 'a\\d{3}';

/** The slot a name of this event carries (`keyless-<event>-<slot>[-<purpose>]`), or undefined. */
export function slotFromName(eventId: string, name: string): string | undefined {
  const escaped = eventId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^keyless-${escaped}-(${SLOT})(?:-[a-z-]+)?$`).exec(name)?.[1];
}

/**
 * The slot of an assumed-role session of this event:
 * `arn:aws:sts::<account>:assumed-role/keyless-<event>-<slot>-<purpose>/<session>`.
 */
export function slotFromAssumedRoleArn(eventId: string, arn: string): string | undefined {
  const match = /^arn:aws[a-z-]*:sts::\d{12}:assumed-role\/([^/]+)\/[^/]+$/.exec(arn);
  return match?.[1] === undefined ? undefined : slotFromName(eventId, match[1]);
}

/**
 * The Orders API and PKI take the slot as the first path segment
 * (`<stage url>/<slot>/orders`), because the event has one API per front door
 * for the whole room. A Lambda serves the path's slot only to a caller the
 * front door attributed to that same slot.
 */
export function attendeeApiBaseUrl(stageUrl: string, slot: string): string {
  return `${stageUrl.replace(/\/+$/, '')}/${slot}`;
}
