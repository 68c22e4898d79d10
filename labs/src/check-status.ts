/**
 * What a check concludes about a sandbox. There is no third answer: a check
 * that cannot see what it needs fails and says why, so an attendee is never
 * waved through (and nothing in the curriculum is optional per sandbox).
 */
export const CHECK_STATUSES = ['pass', 'fail'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];
