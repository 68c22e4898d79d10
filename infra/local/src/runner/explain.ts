import type { RunResult } from '@keyless/labs/sandbox';
import type { RunNetwork } from './jail.ts';
import type { RunLimits } from './limits.ts';

export interface ExplainContext {
  readonly limits: RunLimits;
  readonly timeoutMs: number;
  readonly network: RunNetwork;
  /** Ports inside the Run's network that lead to the attendee's sandbox. */
  readonly sandboxPorts: readonly number[];
}

type Rule = (result: RunResult, context: ExplainContext) => string | undefined;

const REACH_ONLY = "A Run can reach only your sandbox's endpoints (the URLs in process.env); nothing else is on its network.";

/** Node's permission model names what it refused; these are the ones lab code meets. */
const PERMISSION_WORDS: Readonly<Record<string, string>> = {
  ChildProcess: 'Starting other programs (child_process) is not allowed in a Run.',
  WorkerThreads: 'Worker threads are not allowed in a Run; do the work in the main thread.',
  Addon: 'Native addons (process.dlopen) are not allowed in a Run.',
  WASI: 'WASI is not allowed in a Run.',
  Inspector: 'The inspector is not available in a Run.',
  FileSystemRead: 'A Run may read only its own project files and the installed packages',
  FileSystemWrite: 'A Run may write only to its scratch dir (process.env.TMPDIR)',
};

const RULES: readonly Rule[] = [
  (result, { timeoutMs }) =>
    result.timedOut
      ? `Your Run was stopped after ${formatSeconds(timeoutMs)}, its time limit. An endless loop, or a request that never gets an answer?`
      : undefined,
  (result, { limits }) =>
    result.outOfMemory
      ? `Your Run used more memory than it may (${String(limits.maxHeapMb)} MiB of JavaScript heap) and was stopped.`
      : undefined,
  (result, { limits }) =>
    result.outputTruncated
      ? `Your Run printed more than ${String(Math.round(limits.maxOutputBytes / 1024))} KiB and was stopped there: an output flood. Print a summary instead of every line.`
      : undefined,
  (result, { limits }) =>
    /\bENOSPC\b/.test(result.stderr)
      ? `Your Run filled its scratch space (${String(Math.round(limits.maxScratchBytes / (1024 * 1024)))} MiB in TMPDIR).`
      : undefined,
  (result) =>
    /\bEROFS\b/.test(result.stderr)
      ? 'Only the scratch dir (process.env.TMPDIR) is writable in a Run; your project files are read-only.'
      : undefined,
  (result) => {
    const match = /ERR_ACCESS_DENIED[\s\S]{0,200}?permission: '(\w+)'(?:,\s*resource: '([^']*)')?/.exec(result.stderr);
    if (!match?.[1]) return undefined;
    const words = PERMISSION_WORDS[match[1]] ?? `The jail refused ${match[1]}.`;
    return match[2] !== undefined && match[1].startsWith('FileSystem')
      ? `${words}; not ${match[2]}.`
      : words.endsWith('.')
        ? words
        : `${words}.`;
  },
  (result) => (/ERR_DLOPEN_DISABLED|loading addons is disabled/.test(result.stderr) ? PERMISSION_WORDS.Addon : undefined),
  (result, { sandboxPorts, network }) => {
    const match = /ECONNREFUSED (?:127\.\d+\.\d+\.\d+|::1|\[::1\]):(\d+)/.exec(result.stderr);
    if (!match?.[1] || network !== 'own' || sandboxPorts.includes(Number(match[1]))) return undefined;
    return `Your code tried to connect to port ${match[1]} on 127.0.0.1. ${REACH_ONLY}`;
  },
  (result, { network }) => {
    const match =
      /E(?:NET|HOST)UNREACH ([\w.:[\]]+)/.exec(result.stderr) ?? (/E(?:NET|HOST)UNREACH/.test(result.stderr) ? ['', 'that address'] : null);
    return match && network === 'own' ? `Your code tried to reach ${match[1]}, outside the Run's network. ${REACH_ONLY}` : undefined;
  },
  (result, { network }) => {
    const match = /(?:EAI_AGAIN|ENOTFOUND)\s+([\w.-]+)/.exec(result.stderr);
    return match?.[1] && network === 'own'
      ? `Your code looked up ${match[1]}, but a Run has no DNS and no internet. ${REACH_ONLY}`
      : undefined;
  },
];

/**
 * What the jail stopped or a limit cut short, in plain words for the
 * attendee, from the run's result and its own error output. Heuristic on
 * purpose (it reads Node's error codes), and only ever adds to the output.
 */
export function explainRun(result: RunResult, context: ExplainContext): string[] {
  const notes: string[] = [];
  for (const rule of RULES) {
    const note = rule(result, context);
    if (note !== undefined) notes.push(note);
  }
  return notes;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${String(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}
