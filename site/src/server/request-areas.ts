/**
 * Which rules apply to a path. One place, so the middleware and the
 * authorization tests agree on what is public.
 */
export type Area = 'instructor-api' | 'instructor-public-api' | 'public-api' | 'attendee-api' | 'instructor-page' | 'join-page' | 'page';

/** Instructor API routes that work before signing in. */
const INSTRUCTOR_PUBLIC = new Set(['/api/instructor/login', '/api/instructor/login-link']);
/** Attendee API routes that work without an attendee session. */
const PUBLIC = new Set(['/api/join']);

export function areaOf(pathname: string): Area {
  if (pathname.startsWith('/api/instructor/')) return INSTRUCTOR_PUBLIC.has(pathname) ? 'instructor-public-api' : 'instructor-api';
  if (PUBLIC.has(pathname)) return 'public-api';
  if (pathname.startsWith('/api/')) return 'attendee-api';
  if (pathname === '/instructor' || pathname.startsWith('/instructor/')) return 'instructor-page';
  if (pathname === '/join' || pathname.startsWith('/join/')) return 'join-page';
  return 'page';
}
