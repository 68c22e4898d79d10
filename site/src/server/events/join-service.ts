import { transaction, type Attendee, type WorkshopEvent } from '../store/index.ts';
import { formatAccessCode, parseAccessCode } from './access-code.ts';
import { parseDisplayName } from './display-name.ts';
import type { EventContext } from './event-context.ts';
import type { JoinGuard } from './join-guard.ts';
import { parseTableLabel } from './table-label.ts';
import { generateResumeSecret, hashResumeSecret, resumeSecretMatches } from './resume-secret.ts';

export interface JoinInput {
  readonly code: unknown;
  readonly displayName: unknown;
  /** Only to continue as an existing attendee on another device. */
  readonly resumeSecret?: unknown;
  /** Optional: the table they sit at (from the card's QR address or typed); table-label.ts. */
  readonly table?: unknown;
}

export type JoinSuccess = {
  readonly ok: true;
  readonly attendee: Attendee;
  readonly sessionToken: string;
  readonly event: WorkshopEvent;
  /** Shown once, on a first join; absent when resuming. */
  readonly resumeSecret?: string;
  readonly resumed: boolean;
  readonly sandboxStatus: 'ready' | 'waiting';
};

export type JoinFailure = {
  readonly ok: false;
  readonly status: 400 | 403 | 404 | 409 | 410 | 429;
  readonly reason: string;
  readonly message: string;
  readonly retryAfterMs?: number;
};

/** Who a new join admits: the code they used, their checked name and table. */
interface NewAttendee {
  readonly code: string;
  readonly kind: 'event' | 'named';
  readonly displayName: string;
  readonly key: string;
  readonly table: string | null;
}

const LIMITED = 'Too many wrong codes from this network. Wait a few minutes, then check the code on your card and try again.';

/**
 * Joining an event with an access code and a display name, and resuming as
 * the same attendee elsewhere with the resume secret. Every rule that can
 * refuse a join lives here, with the message the attendee reads.
 */
export class JoinService {
  readonly #context: EventContext;
  readonly #guard: JoinGuard;

  constructor(context: EventContext, guard: JoinGuard) {
    this.#context = context;
    this.#guard = guard;
  }

  join(input: JoinInput, client: string): JoinSuccess | JoinFailure {
    // The guard says whether this code may be compared at all; see join-guard.ts for why a correct one is not refused sooner.
    const retryAfterMs = this.#guard.retryAfterMs(client);
    if (retryAfterMs > 0) return { ok: false, status: 429, reason: 'rate-limited', message: LIMITED, retryAfterMs };
    const outcome = this.#join(input);
    // Only guesses count: typos, malformed input and honest refusals (full, closed) do not, and a success never does.
    if (!outcome.ok && (outcome.reason === 'unknown-code' || outcome.reason === 'wrong-resume-secret')) this.#guard.fail(client);
    return outcome;
  }

  #join(input: JoinInput): JoinSuccess | JoinFailure {
    const { events, codes, members } = this.#context;
    const parsed = parseAccessCode(typeof input.code === 'string' ? input.code : '');
    if (!parsed.ok) return codeProblem(parsed.reason);
    const code = codes.find(parsed.code);
    const event = code ? events.get(code.eventId) : undefined;
    if (!code || !event)
      return fail(404, 'unknown-code', 'That code does not open any event. Check it against your card, or ask your instructor.');
    if (code.status === 'revoked') {
      return fail(
        410,
        'code-revoked',
        code.kind === 'event'
          ? 'This code has been replaced by a new one. Ask your instructor for the current code.'
          : 'This personal code has been withdrawn. Ask your instructor for a new one.',
      );
    }

    const name = parseDisplayName(code.kind === 'named' && isBlank(input.displayName) ? code.label : input.displayName);
    if (!name.ok) return fail(400, 'invalid-name', name.message);
    // Checked before anything is written: a malformed table refuses the join and nothing is made.
    const table = parseTableLabel(input.table);
    if (!table.ok) return fail(400, 'invalid-table', table.message);
    const secret = typeof input.resumeSecret === 'string' && input.resumeSecret.trim() !== '' ? input.resumeSecret : undefined;

    // Resuming: the same person, on another device, with the secret shown at their join.
    const existing =
      code.kind === 'named' ? (code.usedBy ? members.byAttendee(code.usedBy) : undefined) : members.byName(event.id, name.key);
    if (existing && secret === undefined) {
      return code.kind === 'named'
        ? fail(
            409,
            'code-used',
            'This personal code has already been used. To continue on another device, also enter the resume secret you were shown when you joined.',
          )
        : fail(
            409,
            'name-taken',
            `Someone at this event already uses the name "${name.name}". If that is you on another device, enter your resume secret; otherwise choose another name.`,
          );
    }
    if (existing) {
      const stored = members.resumeHashOf(existing.attendeeId);
      const attendee = this.#context.attendees.byId(existing.attendeeId);
      if (!stored || !attendee || !resumeSecretMatches(secret ?? '', stored)) {
        return fail(403, 'wrong-resume-secret', 'That resume secret does not match. Check it, or join under a new name.');
      }
      // A table given on the new device (they moved, or scanned another card) replaces the old one; none keeps it.
      if (table.table !== null && table.table !== existing.table) {
        members.setTable(existing.attendeeId, table.table);
        this.#context.bus.publish({ type: 'changed', eventId: event.id, attendeeId: existing.attendeeId, at: this.#context.now() });
      }
      return {
        ok: true,
        attendee,
        sessionToken: this.#context.attendees.createSession(attendee.id),
        event,
        resumed: true,
        sandboxStatus: existing.sandboxStatus,
      };
    }
    if (code.status === 'used')
      return fail(409, 'code-used', 'This personal code has already been used. Ask your instructor for a new one.');
    if (secret !== undefined)
      return fail(403, 'wrong-resume-secret', 'Nobody with that name has joined this event yet: leave the resume secret empty to join.');

    // A new attendee: the event must be open, not over and not full.
    const now = this.#context.now();
    if (event.status === 'closed') return fail(403, 'event-closed', `"${event.name}" is closed and no longer accepts new attendees.`);
    if (now >= event.endsAt) return fail(410, 'event-ended', `"${event.name}" has ended. Ask your instructor if you need more time.`);
    return transaction(this.#context.db, () =>
      this.#admit(event, { code: code.code, kind: code.kind, displayName: name.name, key: name.key, table: table.table }, now),
    );
  }

  #admit(event: WorkshopEvent, who: NewAttendee, now: number): JoinSuccess | JoinFailure {
    const { code, kind, displayName, key, table } = who;
    const { attendees, members, codes, pool } = this.#context;
    if (members.count(event.id) >= event.capacity)
      return fail(403, 'event-full', `"${event.name}" is full (${event.capacity} places). Ask your instructor.`);
    if (members.byName(event.id, key))
      return fail(409, 'name-taken', `Someone at this event already uses the name "${displayName}". Choose another name.`);
    const attendee = attendees.createEventAttendee(displayName);
    if (kind === 'named' && !codes.markUsed(code, attendee.id, now)) throw new Error('named code spent concurrently');
    // Local sandboxes are created on demand (the caller provisions at once); AWS ones come from the pool.
    const sandboxId = event.sandboxMode === 'aws' ? pool.claim(event.id, attendee.id, now) : null;
    const sandboxStatus = event.sandboxMode === 'aws' && sandboxId === undefined ? 'waiting' : 'ready';
    const resumeSecret = generateResumeSecret();
    members.add({
      attendeeId: attendee.id,
      eventId: event.id,
      nameKey: key,
      resumeHash: hashResumeSecret(resumeSecret),
      joinedWith: code,
      joinedAt: now,
      sandboxStatus,
      sandboxId: sandboxId ?? null,
      table,
    });
    const sessionToken = attendees.createSession(attendee.id);
    this.#context.bus.publish({ type: 'changed', eventId: event.id, attendeeId: attendee.id, at: now });
    return { ok: true, attendee, sessionToken, event, resumeSecret, resumed: false, sandboxStatus };
  }

  /** AWS mode: a waiting attendee tries again to get a sandbox from the pool. */
  refreshSandbox(attendeeId: string): { status: 'ready' | 'waiting'; readyInPool: number } | undefined {
    const { members, pool, events } = this.#context;
    const member = members.byAttendee(attendeeId);
    if (!member) return undefined;
    const event = events.get(member.eventId);
    if (member.sandboxStatus === 'waiting' && event?.sandboxMode === 'aws') {
      const sandboxId = pool.claim(member.eventId, attendeeId, this.#context.now());
      if (sandboxId) {
        members.setSandbox(attendeeId, 'ready', sandboxId);
        this.#context.bus.publish({ type: 'changed', eventId: member.eventId, attendeeId, at: this.#context.now() });
        return { status: 'ready', readyInPool: pool.readyCount(member.eventId) };
      }
    }
    return { status: member.sandboxStatus, readyInPool: pool.readyCount(member.eventId) };
  }
}

function fail(status: JoinFailure['status'], reason: string, message: string): JoinFailure {
  return { ok: false, status, reason, message };
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function codeProblem(reason: 'empty' | 'length' | 'character' | 'typo'): JoinFailure {
  const example = formatAccessCode('ABCDEFGHJKMNP');
  switch (reason) {
    case 'empty':
      return fail(400, 'code-missing', 'Enter the access code from your table card.');
    case 'length':
      return fail(400, 'code-length', `Access codes have 13 characters, like ${example}. Check for a missing or extra character.`);
    case 'character':
      return fail(
        400,
        'code-character',
        'Access codes use only digits and the letters A–Z except I, L, O and U. Check the code on your card.',
      );
    case 'typo':
      return fail(400, 'code-typo', 'That code has a typo: one character is wrong or two are swapped. Check it against your card.');
  }
}
