import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { SHARED_NETWORK_FLAG } from '@keyless/local-sandbox';
import type { AwsSandboxesFactory } from './aws-mode.ts';
import { createLocalRuntime, type Runtime } from './create-runtime.ts';
import { formatAccessCode } from './events/access-code.ts';
import { ensureDemoEvent } from './events/demo-event.ts';
import { reachableUrls } from './events/room-url.ts';
import { loginLinkUrl } from './instructors/instructor-auth.ts';
import { startSite, type SiteServer } from './serve.ts';

export interface LocalConfig {
  readonly repoRoot: string;
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly awsPort: number;
  /** Room mode with reduced isolation, accepted explicitly (SHARED_NETWORK_FLAG). */
  readonly allowRunsOnSharedNetwork?: boolean;
  /** AWS mode: sandboxes for AWS-mode events (the entry point builds it when KEYLESS_AWS_REGION is set; docs/aws.md). */
  readonly awsSandboxes?: AwsSandboxesFactory;
  /** KEYLESS_PUBLIC_URL: the address attendees type, instead of this machine's own addresses. */
  readonly publicUrl?: string;
  /** KEYLESS_TLS_CERT / KEYLESS_TLS_KEY: PEM files; the site then serves HTTPS and its cookies are Secure. */
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
}

/** Reads the local-mode configuration; only entry points call this. */
export function localConfigFromEnv(repoRoot: string, env: NodeJS.ProcessEnv): LocalConfig {
  return {
    repoRoot,
    dataDir: env.KEYLESS_DATA_DIR ?? join(repoRoot, 'data'),
    host: env.KEYLESS_HOST ?? '127.0.0.1',
    port: Number(env.KEYLESS_PORT ?? 4321),
    awsPort: Number(env.KEYLESS_AWS_PORT ?? 4566),
    allowRunsOnSharedNetwork: env[SHARED_NETWORK_FLAG] === '1',
    ...(env.KEYLESS_PUBLIC_URL ? { publicUrl: publicUrl(env.KEYLESS_PUBLIC_URL) } : {}),
    ...tlsFiles(env.KEYLESS_TLS_CERT, env.KEYLESS_TLS_KEY),
  };
}

function publicUrl(value: string): string {
  const url = URL.parse(value);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new Error(`KEYLESS_PUBLIC_URL must be an http:// or https:// address, such as https://keyless.example:4321 (got "${value}").`);
  return url.origin;
}

function tlsFiles(certFile: string | undefined, keyFile: string | undefined): { tls?: { certFile: string; keyFile: string } } {
  if (!certFile && !keyFile) return {};
  if (!certFile || !keyFile) throw new Error('Set both KEYLESS_TLS_CERT and KEYLESS_TLS_KEY (PEM files), or neither.');
  return { tls: { certFile, keyFile } };
}

/** Builds the site when its sources are newer than the build. */
export function ensureSiteBuilt(repoRoot: string, log: (line: string) => void): void {
  const entry = join(repoRoot, 'site', 'dist', 'server', 'entry.mjs');
  const builtAt = existsSync(entry) ? statSync(entry).mtimeMs : 0;
  const sources = [join(repoRoot, 'site', 'src'), join(repoRoot, 'labs', 'content'), join(repoRoot, 'site', 'astro.config.mjs')];
  if (builtAt > 0 && sources.every((source) => newestMtime(source) < builtAt)) return;
  log('Building the site (first start or sources changed; about a minute)…');
  const result = spawnSync('npm', ['run', 'build', '-w', '@keyless/site'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error('The site build failed; see the output above.');
}

/** Starts the whole local-mode product: emulated AWS, instance runner, store and site. */
export async function startLocal(config: LocalConfig): Promise<{ runtime: Runtime; site: SiteServer; close(): Promise<void> }> {
  const runtime = await createLocalRuntime({
    dataDir: config.dataDir,
    labsDir: join(config.repoRoot, 'labs', 'content'),
    nodeModulesDir: join(config.repoRoot, 'node_modules'),
    host: config.host,
    awsPort: config.awsPort,
    ...(config.allowRunsOnSharedNetwork === true ? { allowRunsOnSharedNetwork: true } : {}),
    ...(config.awsSandboxes ? { awsSandboxes: config.awsSandboxes } : {}),
  });
  let site: SiteServer;
  try {
    const tls = config.tls ? { cert: readFileSync(config.tls.certFile, 'utf8'), key: readFileSync(config.tls.keyFile, 'utf8') } : undefined;
    site = await startSite({
      runtime,
      distDir: join(config.repoRoot, 'site', 'dist'),
      host: config.host,
      port: config.port,
      ...(tls ? { tls } : {}),
    });
  } catch (error) {
    await runtime.close();
    throw error;
  }
  // Room mode: the addresses attendees can reach, for the console, the dashboard and the table cards.
  runtime.room.urls = reachableUrls({
    host: config.host,
    port: (site.server.address() as AddressInfo).port,
    protocol: config.tls ? 'https' : 'http',
    publicUrl: config.publicUrl,
    interfaces: networkInterfaces(),
  });
  return {
    runtime,
    site,
    async close() {
      await site.close();
      await runtime.close();
    },
  };
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

/**
 * What `npm start` prints for running an event locally: the demo event's
 * access code (the event is created on first start) and a fresh one-time
 * login link for the instructor dashboard.
 */
export function localWelcome(
  runtime: Runtime,
  siteUrl: string,
): { demoEventName: string; demoCode: string | undefined; loginLink: string } {
  const instructor = runtime.instructors.localInstructor();
  const demo = ensureDemoEvent(runtime.events.context, runtime.events.service, instructor.id);
  return {
    demoEventName: demo.event.name,
    demoCode: demo.code ? formatAccessCode(demo.code) : undefined,
    loginLink: loginLinkUrl(siteUrl, runtime.instructors.loginLinkToken(instructor.username)),
  };
}
