import { gzipSync } from 'node:zlib';
import { LAB_TEMPLATE_DIR, RUNNER_USER } from '../contract/instance-paths.ts';

/**
 * The shell script one Run sends to the attendee's instance with SSM Run
 * Command (document AWS-RunShellScript, run as root by the SSM agent).
 *
 * It writes the project into a fresh directory beside the lab template,
 * runs the entry as the unprivileged runner user under `timeout`, caps each
 * stream like the local runner (`head -c`), and ends with one result line
 * on stderr that only the script writes, after everything attendee code
 * printed, so the last line is always ours.
 */
export const RESULT_MARKER = '__KEYLESS_RUN_RESULT__';

export interface RunScriptInput {
  readonly files: Readonly<Record<string, string>>;
  readonly entry: string;
  /** Environment of the Run (sandbox outputs plus the request's extras). */
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Cap on stdout. */
  readonly maxOutputBytes: number;
  /** Cap on stderr (smaller: its last line is the script's result). */
  readonly maxStderrBytes: number;
  /** V8 old-space cap, as locally. */
  readonly maxHeapMb: number;
  readonly runId: string;
}

/**
 * SSM sends the script as a document parameter; a Run command must stay
 * well under SendCommand's request size, so the project travels gzipped.
 * An editor project is a few kB; past this it is refused before sending.
 */
export const MAX_SCRIPT_BYTES = 48 * 1024;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function buildRunScript(input: RunScriptInput): string {
  if (!/^[A-Za-z0-9-]+$/.test(input.runId)) throw new TypeError('runId must be letters, digits and dashes');
  const project = gzipSync(JSON.stringify({ files: input.files, entry: input.entry })).toString('base64');
  const env = Object.entries(input.env).map(([name, value]) => {
    if (!ENV_NAME.test(name)) throw new TypeError(`environment name "${name}" is not a shell name`);
    return `${name}=${shellQuote(value)}`;
  });
  const seconds = Math.max(1, Math.ceil(input.timeoutMs / 1000));
  const dir = `${LAB_TEMPLATE_DIR}/../runs/${input.runId}`;
  const body = [
    'set -u',
    `RUN_DIR=${shellQuote(dir)}`,
    'umask 077',
    'mkdir -p "$RUN_DIR" && cd "$RUN_DIR"',
    // The project: JSON {files, entry}, written by Node so paths are checked in one place (no "..", no absolute paths).
    `echo ${shellQuote(project)} | base64 -d | gunzip > project.json`,
    `node -e ${shellQuote(WRITE_PROJECT_JS)} project.json src`,
    `ln -s ${shellQuote(`${LAB_TEMPLATE_DIR}/node_modules`)} src/node_modules`,
    `chown -R ${RUNNER_USER}: "$RUN_DIR"`,
    'START=$(date +%s%3N)',
    // `env -i`: nothing of root's environment reaches attendee code, only the sandbox outputs.
    `cd src && timeout --signal=KILL ${seconds}s runuser -u ${RUNNER_USER} -- env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/tmp ${env.join(' ')} \\`,
    `  node --max-old-space-size=${input.maxHeapMb} ${shellQuote(input.entry)} \\`,
    `  > >(head -c ${input.maxOutputBytes + 1} > ../stdout) 2> >(head -c ${input.maxStderrBytes + 1} > ../stderr)`,
    'CODE=$?',
    'END=$(date +%s%3N)',
    // The two `head`s behind the process substitutions may still be writing; give them a moment.
    'sleep 0.2; cd ..',
    `head -c ${input.maxOutputBytes} stdout`,
    `head -c ${input.maxStderrBytes} stderr >&2`,
    `OUT=$(stat -c %s stdout); ERR=$(stat -c %s stderr)`,
    `printf '\\n${RESULT_MARKER} {"exitCode":%d,"durationMs":%d,"stdoutBytes":%d,"stderrBytes":%d}\\n' "$CODE" "$((END-START))" "$OUT" "$ERR" >&2`,
    'cd / && rm -rf "$RUN_DIR"',
    'exit 0',
  ].join('\n');
  // AWS-RunShellScript hands the command to sh; the script needs bash (process substitution, $((…))).
  return `exec bash -c ${shellQuote(body)}`;
}

/** Writes project.json's files under the source dir; refuses a path that leaves it. */
const WRITE_PROJECT_JS = [
  "const fs=require('fs'),path=require('path');",
  'const [file,dir]=process.argv.slice(1);',
  'const {files}=JSON.parse(fs.readFileSync(file,"utf8"));',
  'const root=path.resolve(dir);',
  'for(const [name,content] of Object.entries(files)){',
  ' const target=path.resolve(root,name);',
  ' if(!target.startsWith(root+path.sep)||name.includes("\\0"))throw new Error("bad path "+name);',
  ' fs.mkdirSync(path.dirname(target),{recursive:true});fs.writeFileSync(target,content);',
  '}',
].join('');

/** Single-quotes a value for POSIX sh: the only character that needs care inside '' is ' itself. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
