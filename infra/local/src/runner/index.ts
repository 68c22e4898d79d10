/**
 * The instance runner: the local Sandbox's `instance`, running attendee code
 * in a jailed Node 24 child process. See README.md for the jail and limits.
 */
export { createProcessRunner, type ProcessRunner, type ProcessRunnerOptions } from './runner.ts';
export type { RunLimits } from './limits.ts';
export { DEFAULT_LIMITS } from './limits.ts';
export { RunRequestError } from './errors.ts';
export { shapeCrashOutput } from './crash-output.ts';
export { PROJECT_CAPS } from './project-files.ts';
