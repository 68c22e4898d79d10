import { fileURLToPath } from 'node:url';
import { createLocalRuntime, type Runtime } from './create-runtime.ts';
import { localConfigFromEnv, localWelcome } from './start-local.ts';

let runtime: Promise<Runtime> | undefined;

/**
 * `astro dev` has no server entry of ours, so the middleware builds the
 * local runtime on first request (dev only; the production build drops this).
 */
export function devRuntime(): Promise<Runtime> {
  runtime ??= (async () => {
    const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
    const config = localConfigFromEnv(repoRoot, process.env);
    const created = await createLocalRuntime({
      dataDir: config.dataDir,
      labsDir: `${repoRoot}labs/content`,
      nodeModulesDir: `${repoRoot}node_modules`,
      host: config.host,
      awsPort: config.awsPort,
    });
    console.log(`Emulated AWS sandbox at ${created.aws.baseUrl}`);
    const welcome = localWelcome(created, `http://localhost:${process.env.PORT ?? 4321}`);
    console.log(`Demo event code ${welcome.demoCode ?? '(closed)'} · instructor login (once, 15 min): ${welcome.loginLink}`);
    return created;
  })();
  return runtime;
}
