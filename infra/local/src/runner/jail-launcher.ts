/**
 * The main module of every jailed process. It starts before anyone presses
 * Run (a pooled process) or right at the press, and has three phases:
 *
 * 1. **Warm**: imports the lab template's packages (the runner's warm
 *    module), so a Run does not pay for loading the AWS SDK. Only our code
 *    has run in this process so far.
 * 2. **Assignment**: reads one JSON object from stdin, written by the runner
 *    when a Run takes this process, then stdin ends: the Run's environment,
 *    its entry file and the bridges of its network.
 * 3. **Run**: starts the bridges, then imports the attendee's entry. From
 *    here the process belongs to that one Run and exits with it; it is never
 *    given another.
 *
 * The bridges: with a network namespace of its own, only `lo` exists inside,
 * so each bridge listens on 127.0.0.1 (and ::1) at one sandbox endpoint's
 * port and pipes every connection to that endpoint's Unix socket, which the
 * runner bind-mounted from the host. Attendee code and the unchanged AWS SDK
 * see the plain `http://127.0.0.1:<port>` endpoints of their environment;
 * the host end of each socket was made for this Run alone, so it knows who
 * is calling. Hand-written: no library bridges TCP to Unix sockets inside a
 * process, and socat is not something a Run may spawn. Attendee code runs in
 * this same process and could close them; it would only cut itself off.
 * Every bridge handle is unref'd: an idle keep-alive connection must not keep
 * the attendee's program alive after its own work is done.
 *
 * Started from the runner's startup snapshot (snapshot/), the process
 * already holds the template's packages, evaluated: a module hook maps their
 * bare specifiers to the snapshot's objects, so neither the warm-up nor the
 * attendee's `import` loads the SDK's files again.
 */
import { registerHooks } from 'node:module';
import { connect, createServer, type Server } from 'node:net';
import { pathToFileURL } from 'node:url';

interface Assignment {
  readonly env: Record<string, string>;
  /** Absolute path of the attendee's entry file. */
  readonly entry: string;
  readonly bridges: readonly { readonly port: number; readonly socketPath: string }[];
  /** File URL → the server's type-stripped source of that TypeScript file (see strip-types.ts). */
  readonly stripped: Readonly<Record<string, string>>;
}

function bridge(socketPath: string): Server {
  return createServer({ pauseOnConnect: true }, (client) => {
    const upstream = connect(socketPath);
    client.unref();
    upstream.unref();
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    upstream.once('connect', () => {
      client.pipe(upstream).pipe(client);
      client.resume();
    });
  });
}

function listen(server: Server, port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => {
      server.unref();
      resolve(true);
    });
  });
}

async function readAssignment(): Promise<Assignment> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Assignment;
}

/** Set by the snapshot builder (snapshot/snapshot-source.ts). */
const TEMPLATE_PACKAGES_KEY = 'keyless.templatePackages';
const SNAPSHOT_SCHEME = 'keyless-snapshot:';

/**
 * `import … from '@aws-sdk/client-sts'` (or `require`) → the snapshot's
 * object, as an ES module with one named export per property. Its default
 * export is what Node gives for each kind of package: the module object of
 * a CommonJS one, the `default` export (if any) of an ES one (the bundler
 * marks those with `__esModule`). Only exact bare specifiers: a deep import
 * resolves on disk as before, which is a second copy but the same code.
 */
function mapSnapshotPackages(held: Readonly<Record<string, Record<string, unknown>>>): void {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (Object.hasOwn(held, specifier)) return { url: SNAPSHOT_SCHEME + specifier, format: 'module', shortCircuit: true };
      return nextResolve(specifier, context);
    },
    load(url, context, nextLoad) {
      if (!url.startsWith(SNAPSHOT_SCHEME)) return nextLoad(url, context);
      const name = url.slice(SNAPSHOT_SCHEME.length);
      const exports = held[name] ?? {};
      const names = Object.keys(exports).filter((key) => key !== 'default');
      const reference = `globalThis[Symbol.for(${JSON.stringify(TEMPLATE_PACKAGES_KEY)})][${JSON.stringify(name)}]`;
      // String export names (`export { e0 as "name" }`): any property name is a valid one.
      const lines = [`const held = ${reference};`, ...names.map((key, index) => `const e${String(index)} = held[${JSON.stringify(key)}];`)];
      if (names.length > 0)
        lines.push(`export { ${names.map((key, index) => `e${String(index)} as ${JSON.stringify(key)}`).join(', ')} };`);
      if (Object.hasOwn(exports, 'default')) lines.push('export default held.default;');
      else if (exports.__esModule !== true) lines.push('export default held;');
      return { format: 'module', source: lines.join('\n'), shortCircuit: true };
    },
  });
}

const snapshotPackages = (globalThis as Record<symbol, unknown>)[Symbol.for(TEMPLATE_PACKAGES_KEY)];
if (typeof snapshotPackages === 'object' && snapshotPackages !== null)
  mapSnapshotPackages(snapshotPackages as Record<string, Record<string, unknown>>);

// 1. Warm (set by the runner at spawn; absent when it has nothing to warm).
const warmModule = process.env.KEYLESS_WARM_MODULE;
delete process.env.KEYLESS_WARM_MODULE;
if (warmModule !== undefined) await import(pathToFileURL(warmModule).href);

// 2. Assignment.
const assignment = await readAssignment();
Object.assign(process.env, assignment.env);
process.argv[1] = assignment.entry;

// 3. Run. Node's loader takes the server's stripped sources, so this process
// never loads the type stripper (see strip-types.ts). The hook goes away as
// soon as the last of them is served: a module hook costs every module load
// after it (≈ 150 ms of CPU over the AWS SDK's files, measured), and the
// project's own files all load before any package's code runs.
const stripped = new Map(Object.entries(assignment.stripped));
if (stripped.size > 0) {
  const hooks = registerHooks({
    load(url, context, nextLoad) {
      const source = stripped.get(url);
      if (source === undefined) return nextLoad(url, context);
      stripped.delete(url);
      if (stripped.size === 0) queueMicrotask(() => hooks.deregister());
      return { format: 'module', source, shortCircuit: true };
    },
  });
}
await Promise.all(
  assignment.bridges.map(async ({ port, socketPath }) => {
    if (!(await listen(bridge(socketPath), port, '127.0.0.1')))
      throw new Error(`The Run's network could not be set up (port ${String(port)}).`);
    // `localhost` may resolve to ::1 first; the mTLS URL uses that name.
    await listen(bridge(socketPath), port, '::1');
  }),
);
await import(pathToFileURL(assignment.entry).href);
