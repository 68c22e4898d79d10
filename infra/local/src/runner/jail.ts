import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readlinkSync } from 'node:fs';

export type JailKind = 'bwrap' | 'permission-only';

/** Everything one jailed run may see, as absolute host paths. */
export interface JailPlan {
  readonly nodePath: string;
  readonly runDir: string;
  /** The only writable place: the run's scratch dir (TMPDIR). */
  readonly tmpDir: string;
  /** `nodeModulesDir` as given and its real path (they differ when it is a link). */
  readonly nodeModulesDirs: readonly string[];
  /** Compile cache dir the child may use, if any. */
  readonly compileCacheDir: string | undefined;
  /** Only for warm(), which runs our own code: bwrap mounts the cache read-write. */
  readonly compileCacheWritable?: boolean;
  readonly entryPath: string;
  readonly maxHeapMb: number;
}

export interface Command {
  readonly command: string;
  readonly args: readonly string[];
}

const BWRAP_CANDIDATES = ['/usr/bin/bwrap', '/usr/local/bin/bwrap', '/bin/bwrap'];
const TRUE_CANDIDATES = ['/usr/bin/true', '/bin/true'];
/** System dirs the dynamic loader and libc need; merged-/usr systems have links here. */
const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64'];
/** Name resolution for `localhost` and TLS roots; nothing else from /etc. */
const ETC_FILES = ['/etc/hosts', '/etc/resolv.conf', '/etc/nsswitch.conf', '/etc/host.conf', '/etc/gai.conf', '/etc/localtime', '/etc/ssl', '/etc/ca-certificates', '/etc/pki'];

/**
 * Namespaces and privileges. The network namespace is kept on purpose: lab
 * code must reach the emulator on loopback. The user namespace maps the
 * caller to `nobody`, so even a server running as root runs attendee code
 * without capabilities.
 */
const ISOLATION = [
  '--unshare-user', '--uid', '65534', '--gid', '65534',
  '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try',
  '--die-with-parent', '--new-session', '--cap-drop', 'ALL',
  '--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp',
];

function systemMounts(): string[] {
  const args: string[] = [];
  for (const dir of SYSTEM_DIRS) {
    if (!existsSync(dir)) continue;
    // A link such as /lib -> usr/lib is recreated as a link, not bound twice.
    if (lstatSync(dir).isSymbolicLink()) args.push('--symlink', readlinkSync(dir), dir);
    else args.push('--ro-bind', dir, dir);
  }
  for (const path of ETC_FILES) args.push('--ro-bind-try', path, path);
  return args;
}

export interface JailChoice {
  readonly kind: JailKind;
  readonly bwrapPath: string | undefined;
  /** Why bwrap is not used, when it is not. */
  readonly reason: string | undefined;
  readonly systemMounts: readonly string[];
}

/**
 * Picks the jail once, at runner creation: finds bwrap and proves it can
 * create the namespaces we ask for (it cannot in some containers, and macOS
 * has none); 'auto' falls back to Node's permission model alone.
 */
export function chooseJail(mode: 'auto' | 'bwrap' | 'permission-only', bwrapPath?: string): JailChoice {
  if (mode === 'permission-only') {
    return { kind: 'permission-only', bwrapPath: undefined, reason: 'permission-only was requested', systemMounts: [] };
  }
  const path = bwrapPath ?? BWRAP_CANDIDATES.find((candidate) => existsSync(candidate));
  const failure = (reason: string): JailChoice => {
    if (mode === 'bwrap') throw new Error(`The instance runner cannot use bubblewrap: ${reason}. Install bubblewrap or use jail: 'auto'.`);
    return { kind: 'permission-only', bwrapPath: undefined, reason, systemMounts: [] };
  };
  if (process.platform !== 'linux') return failure(`bubblewrap needs Linux (this is ${process.platform})`);
  if (path === undefined) return failure('bwrap was not found in /usr/bin, /usr/local/bin or /bin');
  const truePath = TRUE_CANDIDATES.find((candidate) => existsSync(candidate));
  if (truePath === undefined) return failure('no `true` binary to probe bwrap with');
  const mounts = systemMounts();
  const probe = spawnSync(path, [...ISOLATION, ...mounts, '--', truePath], { env: {}, timeout: 5_000, encoding: 'utf8' });
  if (probe.status !== 0) {
    return failure(`bwrap could not create a sandbox here (${(probe.stderr || probe.error?.message || `exit ${String(probe.status)}`).trim()})`);
  }
  return { kind: 'bwrap', bwrapPath: path, reason: undefined, systemMounts: mounts };
}

/**
 * Node's permission model, used in both jails: reads only the run dir, the
 * shared node_modules and the compile cache; writes only the scratch dir (and
 * the compile cache, which bwrap mounts read-only or which is a private copy);
 * no child processes, workers, addons, WASI or inspector (not granted).
 */
export function nodeArgs(plan: JailPlan): string[] {
  const reads = [plan.runDir, ...plan.nodeModulesDirs];
  const writes = [plan.tmpDir];
  if (plan.compileCacheDir !== undefined) {
    // Node only enables the compile cache when it may write the cache dir.
    reads.push(plan.compileCacheDir);
    writes.push(plan.compileCacheDir);
  }
  return [
    '--permission',
    ...reads.map((path) => `--allow-fs-read=${path}`),
    ...writes.map((path) => `--allow-fs-write=${path}`),
    `--max-old-space-size=${plan.maxHeapMb}`,
    plan.entryPath,
  ];
}

/** The argv of one run under the chosen jail. */
export function jailCommand(choice: JailChoice, plan: JailPlan): Command {
  if (choice.kind === 'permission-only' || choice.bwrapPath === undefined) {
    return { command: plan.nodePath, args: nodeArgs(plan) };
  }
  const binds: string[] = ['--ro-bind', plan.nodePath, plan.nodePath];
  for (const dir of plan.nodeModulesDirs) binds.push('--ro-bind', dir, dir);
  // Read-only: a run can use what warm() compiled but never plant code for
  // the next attendee's run.
  if (plan.compileCacheDir !== undefined) {
    binds.push(plan.compileCacheWritable === true ? '--bind' : '--ro-bind', plan.compileCacheDir, plan.compileCacheDir);
  }
  // The run dir is read-only too; only its scratch dir is writable. Sibling
  // run dirs and the rest of the data dir are simply not in the jail's tree.
  binds.push('--ro-bind', plan.runDir, plan.runDir, '--bind', plan.tmpDir, plan.tmpDir, '--chdir', plan.runDir);
  return { command: choice.bwrapPath, args: [...ISOLATION, ...choice.systemMounts, ...binds, '--', plan.nodePath, ...nodeArgs(plan)] };
}
