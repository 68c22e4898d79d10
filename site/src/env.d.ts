/// <reference types="astro/client" />
import type { Lab } from '@keyless/labs';
import type { KeylessRuntime } from './server/runtime.ts';
import type { Attendee, Instructor } from './server/store/index.ts';

declare global {
  namespace App {
    interface Locals {
      runtime: KeylessRuntime;
      attendee?: Attendee;
      /** Set when the instructor cookie holds a valid session. */
      instructor?: Instructor;
      /** The instructor session's CSRF token, for the dashboard to send on writes. */
      csrfToken?: string;
      /** The lab whose step is being rendered (for MDX components). */
      currentLab?: Lab;
    }
  }
}
