import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type JailKind = 'bwrap' | 'permission-only';
/** `own`: a network namespace per Run (only `lo`, reached through channels); `host`: the server's network. */
export type RunNetwork = 'own' | 'host';

/** Where a Run's channel dir appears inside the jail. */
export const JAIL_CHANNEL_DIR = '/run/keyless';
/** The scratch dir inside a bwrap jail: a size-limited tmpfs. */
export const JAIL_SCRATCH_DIR = '/tmp';
/** Source of the module every jailed process loads first: blocking stdio (see jail-preload.ts; jail-modules.ts writes it as JavaScript). */
export const PRELOAD_MODULE = fileURLToPath(new URL('./jail-preload.ts', import.meta.url));
/** Source of the main module of every attendee process: warm, wait for a Run, bridge its network, import its entry (see jail-launcher.ts). */
export const LAUNCHER_MODULE = fileURLToPath(new URL('./jail-launcher.ts', import.meta.url));

/** Everything one jailed run may see, as absolute host paths. */
export interface JailPlan {
  readonly nodePath: string;
  readonly runDir: string;
  /** The only writable place: the run's scratch dir (TMPDIR), as the jailed process sees it. */
  readonly tmpDir: string;
  /** Size of the scratch tmpfs (bwrap only; permission-only has no quota). */
  readonly scratchBytes: number;
  /** Host dir of the Run's channel sockets, mounted read-only at JAIL_CHANNEL_DIR (own network only). */
  readonly channelDir?: string | undefined;
  /** `nodeModulesDir` as given and its real path (they differ when it is a link). */
  readonly nodeModulesDirs: readonly string[];
  /** Compile cache dir the child may use, if any. */
  readonly compileCacheDir: string | undefined;
  /** Only for warm(), which runs our own code: bwrap mounts the cache read-write. */
  readonly compileCacheWritable?: boolean;
  /** The main module: the launcher (attendee runs) or a script of ours (warm-up). */
  readonly entryPath: string;
  readonly maxHeapMb: number;
  /** More host paths the process may read, bound read-only at the same path (the launcher, the warm module). */
  readonly readOnlyPaths?: readonly string[];
  /** The preload (`--import`), as JavaScript (jail-modules.ts). */
  readonly preloadPath: string;
  /** A startup snapshot to start from (snapshot/), bound read-only; none: Node's own. */
  readonly snapshotBlob?: string | undefined;
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
const ETC_FILES = [
  '/etc/hosts',
  '/etc/resolv.conf',
  '/etc/nsswitch.conf',
  '/etc/host.conf',
  '/etc/gai.conf',
  '/etc/localtime',
  '/etc/ssl',
  '/etc/ca-certificates',
  '/etc/pki',
];

/**
 * Namespaces and privileges (the network namespace is added separately, so
 * the probe can tell a host that allows it from one that does not). The user namespace maps the
 * caller to `nobody`, so even a server running as root runs attendee code
 * without capabilities.
 */
const ISOLATION = [
  '--unshare-user',
  '--uid',
  '65534',
  '--gid',
  '65534',
  '--unshare-pid',
  '--unshare-ipc',
  '--unshare-uts',
  '--unshare-cgroup-try',
  '--die-with-parent',
  '--new-session',
  '--cap-drop',
  'ALL',
  '--proc',
  '/proc',
  '--dev',
  '/dev',
];
/** A network namespace of its own: only `lo`, up; no route to the host, the LAN or the internet. */
const OWN_NETWORK = ['--unshare-net'];

function scratchMount(bytes: number): string[] {
  return ['--size', String(bytes), '--tmpfs', JAIL_SCRATCH_DIR];
}

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
  /** Why bwrap (or its network namespace) is not used, when it is not. */
  readonly reason: string | undefined;
  readonly systemMounts: readonly string[];
  readonly network: RunNetwork;
}

/**
 * Picks the jail once, at runner creation: finds bwrap and proves it can
 * create the namespaces we ask for (it cannot in some containers, and macOS
 * has none); 'auto' falls back to Node's permission model alone.
 */
export function chooseJail(mode: 'auto' | 'bwrap' | 'permission-only', bwrapPath?: string): JailChoice {
  if (mode === 'permission-only') {
    return { kind: 'permission-only', bwrapPath: undefined, reason: 'permission-only was requested', systemMounts: [], network: 'host' };
  }
  const path = bwrapPath ?? BWRAP_CANDIDATES.find((candidate) => existsSync(candidate));
  const failure = (reason: string): JailChoice => {
    if (mode === 'bwrap') throw new Error(`The instance runner cannot use bubblewrap: ${reason}. Install bubblewrap or use jail: 'auto'.`);
    return { kind: 'permission-only', bwrapPath: undefined, reason, systemMounts: [], network: 'host' };
  };
  if (process.platform !== 'linux') return failure(`bubblewrap needs Linux (this is ${process.platform})`);
  if (path === undefined) return failure('bwrap was not found in /usr/bin, /usr/local/bin or /bin');
  const truePath = TRUE_CANDIDATES.find((candidate) => existsSync(candidate));
  if (truePath === undefined) return failure('no `true` binary to probe bwrap with');
  const mounts = systemMounts();
  const probe = (extra: readonly string[]): string | undefined => {
    const result = spawnSync(path, [...ISOLATION, ...extra, ...scratchMount(1024 * 1024), ...mounts, '--', truePath], {
      env: {},
      timeout: 5_000,
      encoding: 'utf8',
    });
    return result.status === 0 ? undefined : (result.stderr || result.error?.message || `exit ${String(result.status)}`).trim();
  };
  const ownNetworkFailure = probe(OWN_NETWORK);
  if (ownNetworkFailure === undefined) return { kind: 'bwrap', bwrapPath: path, reason: undefined, systemMounts: mounts, network: 'own' };
  // Some containers allow user and mount namespaces but not network ones:
  // keep the file jail, share the host's network, and say so.
  const plain = probe([]);
  if (plain !== undefined) return failure(`bwrap could not create a sandbox here (${plain})`);
  return {
    kind: 'bwrap',
    bwrapPath: path,
    reason: `bwrap could not create a network namespace here (${ownNetworkFailure})`,
    systemMounts: mounts,
    network: 'host',
  };
}

/**
 * Node's permission model, used in both jails: reads only the run dir, the
 * shared node_modules and the compile cache; writes only the scratch dir (and
 * the compile cache, which bwrap mounts read-only or which is a private copy);
 * no child processes, workers, addons, WASI or inspector (not granted).
 */
export function nodeArgs(plan: JailPlan): string[] {
  const reads = [
    plan.runDir,
    ...plan.nodeModulesDirs,
    plan.preloadPath,
    ...(plan.readOnlyPaths ?? []),
    ...(plan.snapshotBlob === undefined ? [] : [plan.snapshotBlob]),
  ];
  const writes = [plan.tmpDir];
  if (plan.compileCacheDir !== undefined) {
    // Node only enables the compile cache when it may write the cache dir.
    reads.push(plan.compileCacheDir);
    writes.push(plan.compileCacheDir);
  }
  return [
    ...(plan.snapshotBlob === undefined ? [] : ['--snapshot-blob', plan.snapshotBlob]),
    '--permission',
    ...reads.map((path) => `--allow-fs-read=${path}`),
    ...writes.map((path) => `--allow-fs-write=${path}`),
    `--max-old-space-size=${plan.maxHeapMb}`,
    `--import=${plan.preloadPath}`,
    plan.entryPath,
  ];
}

/** The argv of one run under the chosen jail. */
export function jailCommand(choice: JailChoice, plan: JailPlan): Command {
  if (choice.kind === 'permission-only' || choice.bwrapPath === undefined) {
    return { command: plan.nodePath, args: nodeArgs(plan) };
  }
  const binds: string[] = ['--ro-bind', plan.nodePath, plan.nodePath];
  for (const path of [plan.preloadPath, ...(plan.readOnlyPaths ?? []), ...(plan.snapshotBlob === undefined ? [] : [plan.snapshotBlob])])
    binds.push('--ro-bind', path, path);
  for (const dir of plan.nodeModulesDirs) binds.push('--ro-bind', dir, dir);
  // Read-only: a run can use what warm() compiled but never plant code for
  // the next attendee's run.
  if (plan.compileCacheDir !== undefined) {
    binds.push(plan.compileCacheWritable === true ? '--bind' : '--ro-bind', plan.compileCacheDir, plan.compileCacheDir);
  }
  // The run dir is read-only too; only the scratch tmpfs is writable. Sibling
  // run dirs and the rest of the data dir are simply not in the jail's tree.
  binds.push('--ro-bind', plan.runDir, plan.runDir, '--chdir', plan.runDir);
  const network: string[] = [];
  if (choice.network === 'own') {
    network.push(...OWN_NETWORK);
    // Read-only: the Run can connect to its own sockets, not add or replace any.
    if (plan.channelDir !== undefined) network.push('--ro-bind', plan.channelDir, JAIL_CHANNEL_DIR);
  }
  return {
    command: choice.bwrapPath,
    args: [
      ...ISOLATION,
      ...network,
      ...scratchMount(plan.scratchBytes),
      ...choice.systemMounts,
      ...binds,
      '--',
      plan.nodePath,
      ...nodeArgs(plan),
    ],
  };
}
