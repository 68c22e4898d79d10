/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    runtime: import('./server/runtime.ts').KeylessRuntime;
    attendee?: import('./server/store/index.ts').Attendee;
    /** The lab whose step is being rendered (for MDX components). */
    currentLab?: import("@keyless/labs").Lab;
  }
}
