import { SANDBOX_MODES } from '@keyless/labs/sandbox';
import { z } from 'zod';

/** What the dashboard's "New event" form sends; every bound is a rule the API enforces. */
export const newEventInput = z
  .object({
    name: z.string().trim().min(1, 'Give the event a name.').max(80, 'Keep the name to 80 characters.'),
    startsAt: z.number().int().positive(),
    endsAt: z.number().int().positive(),
    labs: z.array(z.string()).min(1, 'Pick at least one lab.').max(20),
    sandboxMode: z.enum(SANDBOX_MODES),
    capacity: z.number().int().min(1, 'Capacity is at least 1.').max(1000, 'Capacity is at most 1000.'),
    stuckAfterMinutes: z.number().int().min(1).max(120).default(10),
    /** IANA name; checked by time-zone.ts, whose message says what a zone looks like. Absent: the server's zone. */
    timeZone: z.unknown().optional(),
  })
  .strict()
  .refine((input) => input.endsAt > input.startsAt, { message: 'The event must end after it starts.', path: ['endsAt'] })
  .refine((input) => input.endsAt - input.startsAt <= 30 * 24 * 60 * 60 * 1000, {
    message: 'Events last at most 30 days.',
    path: ['endsAt'],
  })
  .refine((input) => new Set(input.labs).size === input.labs.length, { message: 'A lab is listed twice.', path: ['labs'] });

export type NewEventInput = z.infer<typeof newEventInput>;

export const minutesInput = z
  .object({
    minutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
  })
  .strict();
export const unlockInput = z.object({ labId: z.string().min(1), upToStep: z.number().int().min(1) }).strict();
/** The table an attendee sits at; table-label.ts checks it (null or "" clears it). */
export const tableInput = z.object({ table: z.unknown() }).strict();
export const namedCodesInput = z.object({ names: z.array(z.string()).min(1).max(500) }).strict();

/** The first problem, phrased for a person. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid input.';
  const field = issue.path.join('.');
  return field && !issue.message.endsWith('.') ? `${field}: ${issue.message}` : issue.message;
}
