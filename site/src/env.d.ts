/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    runtime: import('./server/runtime.ts').KeylessRuntime;
    attendee?: import('./server/store/index.ts').Attendee;
  }
}
