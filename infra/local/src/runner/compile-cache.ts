import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JAIL_SCRATCH_DIR, jailCommand, type JailChoice, type JailPlan } from './jail.ts';
import { rssCapBytes } from './memory-watch.ts';
import { runProcess } from './run-process.ts';

/**
 * What warm() runs once: the imports and the SDK call path a typical lab
 * takes, so V8's code cache for them is on disk before the first attendee
 * presses Run. The call goes to a closed loopback port and fails fast; that
 * still compiles the middleware stack and the default credential chain.
 */
const WARM_SCRIPT = `
import { CognitoIdentityProviderClient, DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import * as jose from 'jose';
const client = new CognitoIdentityProviderClient({ endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
try {
  await client.send(new DescribeUserPoolClientCommand({ UserPoolId: 'us-east-1_warm', ClientId: 'warm' }));
} catch {}
const { publicKey, privateKey } = await jose.generateKeyPair('RS256');
const jwt = await new jose.SignJWT({ scope: 'warm' }).setProtectedHeader({ alg: 'RS256' }).setIssuer('warm').setExpirationTime('1m').sign(privateKey);
await jose.jwtVerify(jwt, publicKey, { issuer: 'warm' });
const jwks = jose.createLocalJWKSet({ keys: [await jose.exportJWK(publicKey)] });
void jwks;
`;

export interface WarmInput {
  readonly jail: JailChoice;
  readonly nodePath: string;
  readonly nodeModulesDirs: readonly string[];
  readonly cacheDir: string;
  /** An empty directory to run the warm-up in (removed afterwards). */
  readonly scratchDir: string;
  readonly maxHeapMb: number;
  readonly scratchBytes: number;
  readonly preloadPath: string;
}

/**
 * Fills the compile cache by running the warm script in the same jail and
 * with the same Node flags as attendee runs: Node keys the cache directory by
 * V8 flags and by uid (bwrap maps runs to `nobody`), so a cache made any
 * other way would never be read. Only this run may write the cache.
 */
export async function warmCompileCache(input: WarmInput): Promise<void> {
  const { scratchDir, cacheDir } = input;
  await mkdir(cacheDir, { recursive: true, mode: 0o755 });
  await mkdir(join(scratchDir, '.tmp'), { recursive: true, mode: 0o700 });
  try {
    await symlink(input.nodeModulesDirs[0] ?? '', join(scratchDir, 'node_modules'));
    await writeFile(join(scratchDir, 'package.json'), '{ "type": "module", "private": true }\n');
    await writeFile(join(scratchDir, 'warm.ts'), WARM_SCRIPT);
    const plan: JailPlan = {
      nodePath: input.nodePath,
      runDir: scratchDir,
      tmpDir: input.jail.kind === 'bwrap' ? JAIL_SCRATCH_DIR : join(scratchDir, '.tmp'),
      scratchBytes: input.scratchBytes,
      preloadPath: input.preloadPath,
      nodeModulesDirs: input.nodeModulesDirs,
      compileCacheDir: cacheDir,
      entryPath: join(scratchDir, 'warm.ts'),
      maxHeapMb: input.maxHeapMb,
      compileCacheWritable: true,
    };
    const result = await runProcess({
      command: jailCommand(input.jail, plan),
      // Throwaway keys so the default credential chain resolves from the env.
      env: {
        PATH: '/usr/bin:/bin',
        HOME: scratchDir,
        NODE_COMPILE_CACHE: cacheDir,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIAWARMUP',
        AWS_SECRET_ACCESS_KEY: 'warm-up',
      },
      cwd: scratchDir,
      timeoutMs: 30_000,
      maxOutputBytes: 64 * 1024,
      maxRssBytes: rssCapBytes(input.maxHeapMb),
      signal: undefined,
      onOutput: undefined,
      exitCodeEncodesSignal: input.jail.kind === 'bwrap',
    });
    if (result.exitCode !== 0) {
      throw new Error(
        `Warming the compile cache failed (exit ${String(result.exitCode ?? result.signal)}): ${result.stderr.slice(0, 2_000)}`,
      );
    }
  } finally {
    await rm(scratchDir, { recursive: true, force: true });
  }
}
