import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The SDK loads most of its code on a client's first `send` (middleware,
 * signer, protocol parsers, HTTP handler), so the warm-up sends one request
 * per protocol to a closed port with throwaway keys: nothing reaches
 * anyone, no credential chain runs, and every client is local to this
 * function. Best effort: a failure only means less is warm.
 */
const EXERCISE = `
try {
  const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
  const { CognitoIdentityProviderClient, DescribeUserPoolClientCommand } = await import('@aws-sdk/client-cognito-identity-provider');
  const options = { region: 'us-east-1', endpoint: 'http://127.0.0.1:9', maxAttempts: 1, credentials: { accessKeyId: 'AKIAWARMUP', secretAccessKey: 'warm-up' } };
  await Promise.allSettled([
    new STSClient(options).send(new GetCallerIdentityCommand({})),
    new CognitoIdentityProviderClient(options).send(new DescribeUserPoolClientCommand({ UserPoolId: 'us-east-1_warm', ClientId: 'warm' })),
  ]);
} catch {}
`;

/**
 * Writes the module every pooled process imports before its Run: the lab
 * template's packages (types are stripped by the server, so the jailed
 * process never needs Node's type stripper). It sits in its own dir with a `node_modules` link to the same
 * packages as the run dirs, so each import resolves to the same real file,
 * and so the same module instance, as the attendee's own import will.
 * `fetch` is warmed too: Node loads its HTTP client (undici) on the first
 * call, which cost a Run about 90 ms; a call to a closed port loads it.
 */
export function writeWarmModule(workRoot: string, nodeModulesDir: string, packages: readonly string[]): { dir: string; module: string } {
  const dir = join(workRoot, '.warm');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { mode: 0o755 });
  symlinkSync(nodeModulesDir, join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  const imports = packages.map((name) => `  import(${JSON.stringify(name)}),`).join('\n');
  const module = join(dir, 'warm.mjs');
  writeFileSync(
    module,
    `// Written by the instance runner (warm-module.ts).\nawait Promise.all([\n  fetch('http://127.0.0.1:9/').catch(() => undefined),\n${imports}\n]);\n${packages.some((name) => name.startsWith('@aws-sdk/client-')) ? EXERCISE : ''}`,
  );
  return { dir, module };
}
