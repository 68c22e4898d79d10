// `npm start`: Keyless in local mode. Thin on purpose; the logic lives in site/src/server.
import { fileURLToPath } from 'node:url';
import { ReducedIsolationError } from '@keyless/local-sandbox';
import { databaseFileErrorIn } from '@keyless/local-sandbox/sqlite';
import { awsSandboxesFor } from '@keyless/aws-sandbox';
import { ensureSiteBuilt, localConfigFromEnv, localWelcome, startLocal } from '@keyless/site/start-local';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const config = localConfigFromEnv(repoRoot, process.env);
// AWS mode (docs/aws.md): AWS-mode events' attendees get the sandboxes `npm run provision` made in this region.
const awsRegion = process.env.KEYLESS_AWS_REGION;
ensureSiteBuilt(repoRoot, console.log);
const started = Date.now();
const keyless = await startLocal(awsRegion ? { ...config, awsSandboxes: awsSandboxesFor(awsRegion) } : config).catch((error: unknown) => {
  // An empty or damaged database: the message says which file and what to do; a stack trace would only hide it.
  // Room mode refused for reduced isolation: the message says why and what to do.
  const unusable = databaseFileErrorIn(error) ?? (error instanceof ReducedIsolationError ? error : undefined);
  if (!unusable) throw error;
  console.error(`\n${unusable.message}\n`);
  process.exit(1);
});
// Room mode: attendees use this machine's network address (or KEYLESS_PUBLIC_URL), never localhost.
const roomUrls = keyless.runtime.room.urls;
const base = roomUrls[0] ?? keyless.site.url;
const welcome = localWelcome(keyless.runtime, keyless.site.url);
const room =
  roomUrls.length > 0
    ? `\n  Room        attendees open ${roomUrls.map((url) => `${url}/join`).join('  or  ')}${config.tls ? '' : '\n              (plain HTTP: set KEYLESS_TLS_CERT and KEYLESS_TLS_KEY to serve HTTPS with Secure cookies)'}`
    : '';

console.log(`
  Keyless is running in local mode (emulated AWS sandbox, SQLite, no network needed).

  Open        ${keyless.site.url}${room}
  Labs        ${keyless.runtime.labs.length} (self-paced: just open the URL)
  Event       ${welcome.demoEventName}: join at ${base}/join with code ${welcome.demoCode ?? '(none: the demo event is closed)'}
  Instructor  ${welcome.loginLink}
              one-time login link: works once, for 15 minutes; 'npm run instructor -- link' prints another
  Sandbox     emulated AWS at ${keyless.runtime.aws.baseUrl} (loopback only)
  Runs        ${keyless.runtime.reducedIsolation === undefined ? 'jailed (bubblewrap), each in a network of its own' : `REDUCED ISOLATION: ${keyless.runtime.reducedIsolation}; Runs share this machine's network`}
${awsRegion ? `  AWS mode    AWS-mode events use the sandboxes provisioned in ${awsRegion} (npm run provision; docs/aws.md)\n` : ''}  Data        ${config.dataDir}
  Started in  ${Date.now() - started} ms. Stop with Ctrl+C.
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void keyless.close().then(() => process.exit(0));
  });
}
