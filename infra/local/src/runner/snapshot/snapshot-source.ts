/**
 * The source of the startup-snapshot builder: the lab template's packages,
 * bundled into one CommonJS script (Node can only snapshot one script that
 * requires nothing but built-in modules), wrapped so that three built-in
 * modules load lazily.
 *
 * Why lazy: loading `http`, `https` or `http2` creates native handles (the
 * HTTP parser binding, nghttp2's state) that V8 cannot serialize, and the
 * snapshot build aborts (`CheckGlobalAndEternalHandles failed`, Node 24).
 * The SDK reads them only when it sends a request, except for one
 * top-level `const { constants } = http2`, so the wrapper hands the bundle a
 * stand-in for each of them: after start-up every property read goes to the
 * real module (loaded on first use); while the snapshot is being built, a
 * read can only be of plain data that the server copied from the same Node
 * (`http2.constants`: numbers and strings), and any other read fails the
 * build loudly instead of freezing a half-made module into every Run.
 */

/** Where the snapshotted packages sit in every process started from the snapshot. */
export const TEMPLATE_PACKAGES_KEY = 'keyless.templatePackages';
/** Built-ins the bundle may only touch after start-up (see above). */
export const DEFERRED_BUILTINS = ['http', 'https', 'http2'] as const;

/** The entry the bundler starts from: every package required once, kept on a global. */
export function bundleEntrySource(packages: readonly string[]): string {
  const lines = packages.map((name) => `packages[${JSON.stringify(name)}] = require(${JSON.stringify(name)});`);
  return [
    '// Written by the instance runner (snapshot-source.ts).',
    'const packages = Object.create(null);',
    ...lines,
    `globalThis[Symbol.for(${JSON.stringify(TEMPLATE_PACKAGES_KEY)})] = Object.freeze(packages);`,
    '',
  ].join('\n');
}

/**
 * The plain-data properties of each deferred built-in, read in the server
 * (same Node as the Runs: the caller checks the version), so the build can
 * answer a top-level read without loading the module.
 */
export function deferredBuiltinData(load: (id: string) => Record<string, unknown>): Record<string, Record<string, unknown>> {
  const data: Record<string, Record<string, unknown>> = {};
  for (const id of DEFERRED_BUILTINS) {
    const module = load(`node:${id}`);
    const plain: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(module)) {
      if (value === null || typeof value === 'function' || typeof value === 'symbol') continue;
      try {
        plain[key] = JSON.parse(JSON.stringify(value)) as unknown;
      } catch {
        // Not plain data (a cycle, a BigInt): a top-level read of it fails the build.
      }
    }
    data[id] = plain;
  }
  return data;
}

/** The builder script: the lazy built-ins, then the bundle in a scope whose `require` hands them out. */
export function snapshotBuilderSource(bundle: string, builtinData: Record<string, Record<string, unknown>>): string {
  return `'use strict';
// Written by the instance runner (snapshot-source.ts): the startup snapshot of the lab template's packages.
const realRequire = require;
const { startupSnapshot } = realRequire('node:v8');
const deferredData = ${JSON.stringify(builtinData)};
function deferred(id) {
  let module;
  const load = () => (module ??= realRequire('node:' + id));
  const data = deferredData[id] ?? {};
  return new Proxy(Object.create(null), {
    get(_, key) {
      if (!startupSnapshot.isBuildingSnapshot()) return load()[key];
      if (typeof key === 'string' && Object.hasOwn(data, key)) return data[key];
      throw new Error('The startup snapshot cannot hold node:' + id + ' (read of ' + String(key) + ' while building).');
    },
    has: (_, key) => key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor(_, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
      return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
    },
  });
}
const deferredModules = new Map();
function bundleRequire(id) {
  const name = id.startsWith('node:') ? id.slice(5) : id;
  if (!Object.hasOwn(deferredData, name)) return realRequire(id);
  if (!deferredModules.has(name)) deferredModules.set(name, deferred(name));
  return deferredModules.get(name);
}
(function (require) {
${bundle}
})(bundleRequire);
`;
}
