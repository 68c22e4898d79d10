import { RunRequestError } from './errors.ts';

/**
 * Names neither the sandbox outputs nor a run request may set: they would
 * widen the jail (NODE_OPTIONS can carry `--allow-fs-read=*`), load code
 * before the permission model is up (LD_PRELOAD), make Node write files
 * outside the scratch dir (NODE_V8_COVERAGE, NODE_REDIRECT_WARNINGS), or they
 * are the runner's own.
 */
const RESERVED = new Set([
  'PATH',
  'HOME',
  'TMPDIR',
  'NODE_OPTIONS',
  'NODE_PATH',
  'NODE_COMPILE_CACHE',
  'NODE_DISABLE_COMPILE_CACHE',
  'NODE_V8_COVERAGE',
  'NODE_REDIRECT_WARNINGS',
  'NODE_REPL_HISTORY',
  'NODE_REPL_EXTERNAL_MODULE',
  'NODE_ICU_DATA',
  'NODE_DEBUG_NATIVE',
  'NODE_SKIP_PLATFORM_CHECK',
  'UV_THREADPOOL_SIZE',
  // The launcher's own (jail-launcher.ts).
  'KEYLESS_WARM_MODULE',
]);
const RESERVED_PREFIXES = ['LD_', 'DYLD_', 'BWRAP_'];

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface ChildEnvInput {
  /** The attendee's sandbox outputs (from the server). */
  readonly sandboxEnv: Readonly<Record<string, string>>;
  /** Extra variables from the run request. */
  readonly requestEnv: Readonly<Record<string, string>> | undefined;
  readonly runDir: string;
  readonly tmpDir: string;
  readonly compileCacheDir: string | undefined;
}

/**
 * The complete environment of the child: nothing is inherited from the
 * server, so its secrets (AWS keys, session secrets) can never leak.
 */
export function buildChildEnv(input: ChildEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [source, vars] of [
    ['sandbox env', input.sandboxEnv],
    ['RunRequest.env', input.requestEnv ?? {}],
  ] as const) {
    for (const [name, value] of Object.entries(vars)) {
      checkVariable(source, name, value);
      env[name] = value;
    }
  }
  env.PATH = '/usr/bin:/bin';
  env.HOME = input.runDir;
  env.TMPDIR = input.tmpDir;
  if (input.compileCacheDir !== undefined) env.NODE_COMPILE_CACHE = input.compileCacheDir;
  return env;
}

function checkVariable(source: string, name: string, value: unknown): void {
  if (!NAME.test(name)) {
    throw new RunRequestError(
      `${source}: "${name.slice(0, 60)}" is not a valid environment variable name.`,
      'Use letters, digits and underscores.',
    );
  }
  if (RESERVED.has(name) || RESERVED_PREFIXES.some((prefix) => name.startsWith(prefix))) {
    throw new RunRequestError(
      `${source}: ${name} cannot be set for attendee code; it is reserved by the instance runner.`,
      'Remove it; the runner sets what Node needs and nothing may widen the jail.',
    );
  }
  if (typeof value !== 'string' || value.includes('\0') || value.length > 32 * 1024) {
    throw new RunRequestError(`${source}: the value of ${name} must be a string without NUL of at most 32 KiB.`, 'Pass a plain string.');
  }
}
