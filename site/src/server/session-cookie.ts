import type { AstroCookieSetOptions } from 'astro';

export const SESSION_COOKIE = 'keyless_session';
/** A separate cookie: an attendee session can never act as an instructor, and the reverse. */
export const INSTRUCTOR_COOKIE = 'keyless_instructor';

/** HttpOnly so page scripts never see it; SameSite=Lax against CSRF; Secure over TLS. */
export function sessionCookieOptions(url: URL): AstroCookieSetOptions {
  return { httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', path: '/', maxAge: 90 * 24 * 60 * 60 };
}

/** Stricter: never sent on any cross-site request, and shorter-lived (12 hours, like the session row). */
export function instructorCookieOptions(url: URL): AstroCookieSetOptions {
  return { httpOnly: true, sameSite: 'strict', secure: url.protocol === 'https:', path: '/', maxAge: 12 * 60 * 60 };
}
