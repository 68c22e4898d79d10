/// <reference types="astro/client" />
import type { Lab } from '@keyless/labs';
import type { KeylessRuntime } from './server/runtime.ts';
import type { Attendee } from './server/store/index.ts';

declare global {
  namespace App {
    interface Locals {
      runtime: KeylessRuntime;
      attendee?: Attendee;
      /** The lab whose step is being rendered (for MDX components). */
      currentLab?: Lab;
    }
  }
}
