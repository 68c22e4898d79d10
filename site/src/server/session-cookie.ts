import type { AstroCookieSetOptions } from 'astro';

export const SESSION_COOKIE = 'keyless_session';

/** HttpOnly so page scripts never see it; SameSite=Lax against CSRF; Secure over TLS. */
export function sessionCookieOptions(url: URL): AstroCookieSetOptions {
  return { httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', path: '/', maxAge: 90 * 24 * 60 * 60 };
}
