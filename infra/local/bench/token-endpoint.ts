/**
 * Token endpoint throughput: `node infra/local/bench/token-endpoint.ts [requests] [concurrency]`.
 *
 * The sandbox runs in a child process (as it would beside the site), this
 * process is the load generator: keep-alive HTTP/1.1 connections, Basic
 * client auth, one scope, every response checked for 200 + access_token.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CognitoIdentityProviderClient, CreateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startLocalAws } from '../src/index.ts';

interface Target {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

if (process.argv[2] === 'serve') {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-bench-'));
  const aws = await startLocalAws({ dbPath: join(dir, 'bench.db') });
  const credentials = await aws.credentials('bench');
  const outputs = await aws.outputs('bench');
  const sdk = new CognitoIdentityProviderClient({ region: aws.region, endpoint: aws.baseUrl, credentials });
  const { UserPoolClient: client } = await sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId: outputs.cognitoUserPoolId, ClientName: 'bench', GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['orders/read'],
    }),
  );
  const target: Target = { tokenUrl: outputs.cognitoTokenUrl, clientId: client?.ClientId ?? '', clientSecret: client?.ClientSecret ?? '' };
  console.log(JSON.stringify(target));
  process.stdin.resume();
  process.stdin.on('end', () => void aws.close().then(() => rmSync(dir, { recursive: true, force: true })));
} else {
  const total = Number(process.argv[2] ?? 5000);
  const concurrency = Number(process.argv[3] ?? 64);
  const serverArgs = (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...serverArgs, fileURLToPath(import.meta.url), 'serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  const target = JSON.parse(line) as Target;
  const url = new URL(target.tokenUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const body = 'grant_type=client_credentials&scope=orders%2Fread';
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': Buffer.byteLength(body),
    authorization: `Basic ${Buffer.from(`${target.clientId}:${target.clientSecret}`).toString('base64')}`,
  };
  const once = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers, agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => (res.statusCode === 200 && text.includes('access_token') ? resolve(performance.now() - started) : reject(new Error(`${res.statusCode}: ${text}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
  const run = async (count: number): Promise<number[]> => {
    const latencies: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          next += 1;
          latencies.push(await once());
        }
      }),
    );
    return latencies;
  };
  await run(Math.min(500, total)); // warm-up: JIT, connections, SQLite pages
  const started = performance.now();
  const latencies = (await run(total)).sort((a, b) => a - b);
  const seconds = (performance.now() - started) / 1000;
  const pct = (p: number): string => (latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0).toFixed(1);
  console.log(`${total} tokens, concurrency ${concurrency}: ${(total / seconds).toFixed(0)} tokens/s (p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms)`);
  agent.destroy();
  child.stdin.end();
}
