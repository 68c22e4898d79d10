/**
 * An event's time zone: an IANA name ("Europe/Berlin", "UTC"), the one every
 * instructor page, the attendee's timer and the CSV show the event's times
 * in. The dashboard's form sends the instructor's browser zone by default.
 * Pure Intl, so the browser and the server agree.
 */
export const MAX_TIME_ZONE_LENGTH = 64;

export type TimeZoneResult = { ok: true; timeZone: string } | { ok: false; message: string };

/**
 * A zone this runtime's Intl knows, as its canonical name ("europe/berlin"
 * and "US/Pacific" become "Europe/Berlin" and "America/Los_Angeles"). Bare
 * offsets ("+01:00") are refused: they have no summer time, so an event
 * across a change would show the wrong hour.
 */
export function parseTimeZone(input: unknown): TimeZoneResult {
  const refused = (why: string): TimeZoneResult => ({
    ok: false,
    message: `timeZone: ${why} Use an IANA time zone name like Europe/Berlin, America/New_York or UTC.`,
  });
  if (typeof input !== 'string') return refused('the time zone is not text.');
  const name = input.trim();
  if (name === '' || name.length > MAX_TIME_ZONE_LENGTH || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name))
    return refused(`"${name.slice(0, MAX_TIME_ZONE_LENGTH)}" is not a time zone name.`);
  try {
    return { ok: true, timeZone: new Intl.DateTimeFormat('en-GB', { timeZone: name }).resolvedOptions().timeZone };
  } catch {
    return refused(`"${name}" is not a time zone this server knows.`);
  }
}

/** The event's zone, or the server's for events made before events had one. */
export function eventTimeZone(event: { readonly timeZone: string | null }, serverTimeZone: string): string {
  return event.timeZone ?? serverTimeZone;
}

/** Milliseconds to add to UTC to get the zone's wall clock at `at`. */
export function zoneOffsetMs(at: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  const wall = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return wall - (at - (at % 1000));
}

/**
 * A wall-clock time typed in a datetime-local field ("2026-12-02T14:05"),
 * read in `timeZone` rather than the browser's, as epoch ms; NaN if it is not
 * one. In a summer-time gap the hour after is taken.
 */
export function wallTimeInZone(local: string, timeZone: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return NaN;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The offset at the guess, then at the corrected instant (they differ only near a summer-time change).
  const first = asUtc - zoneOffsetMs(asUtc, timeZone);
  return asUtc - zoneOffsetMs(first, timeZone);
}

/** ISO 8601 in the zone, with its offset ("2026-12-02T21:05:00+01:00"): a spreadsheet reads it, and it says which zone. */
export function isoInZone(at: number, timeZone: string): string {
  const offset = zoneOffsetMs(at, timeZone);
  const wall = new Date(at + offset).toISOString().slice(0, 19);
  const minutes = Math.round(Math.abs(offset) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  return `${wall}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
