/**
 * Measures one attendee Run end to end through the instance runner: a small
 * script that imports the Cognito SDK, fetches a token and makes an SDK call
 * against a loopback stand-in for the emulator.
 *
 *   node infra/local/bench/run.ts [runs=30] [jail=auto|bwrap|permission-only] [concurrency=1]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createProcessRunner } from '../src/runner/index.ts';

const runs = Number(process.argv[2] ?? 30);
const jail = (process.argv[3] ?? 'auto') as 'auto' | 'bwrap' | 'permission-only';
const concurrency = Number(process.argv[4] ?? 1);

// Just enough of the emulator: a token endpoint and the Cognito JSON API.
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/oauth2/token') {
      res.end(JSON.stringify({ access_token: 'x.y.z', token_type: 'Bearer', expires_in: 3600 }));
    } else {
      res.end(JSON.stringify({ UserPoolClient: { ClientId: 'bench', UserPoolId: 'us-east-1_bench', AllowedOAuthScopes: ['orders/read'] } }));
    }
  });
});
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const MAIN = `
import { CognitoIdentityProviderClient, DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
const response = await fetch(process.env.COGNITO_TOKEN_URL!, { method: 'POST', body: 'grant_type=client_credentials' });
const token: { access_token: string } = await response.json();
const client = new CognitoIdentityProviderClient({});
const described = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: process.env.COGNITO_USER_POOL_ID!, ClientId: 'bench' }));
console.log(token.access_token.length, described.UserPoolClient?.AllowedOAuthScopes);
`;

const workRoot = await mkdtemp(join(tmpdir(), 'keyless-bench-'));
const runner = createProcessRunner({ workRoot, nodeModulesDir: resolve(import.meta.dirname, '../../../node_modules'), jail, maxConcurrentRuns: Math.max(concurrency, 1) });
let started = performance.now();
await runner.warm?.();
console.log(`jail=${runner.jail} warm=${Math.round(performance.now() - started)} ms`);
const instance = runner.instanceFor({
  attendeeId: 'bench',
  env: {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIABENCH',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: base,
    COGNITO_TOKEN_URL: `${base}/oauth2/token`,
    COGNITO_USER_POOL_ID: 'us-east-1_bench',
  },
});

const durations: number[] = [];
const one = async (): Promise<void> => {
  const t0 = performance.now();
  const result = await instance.run({ files: { 'main.ts': MAIN }, entry: 'main.ts' });
  durations.push(performance.now() - t0);
  if (result.exitCode !== 0) throw new Error(`run failed: ${result.stderr}`);
};
await one(); // first run after warm, reported separately
const first = durations.pop() ?? 0;
started = performance.now();
for (let i = 0; i < runs; i += concurrency) {
  await Promise.all(Array.from({ length: Math.min(concurrency, runs - i) }, one));
}
const wall = performance.now() - started;
durations.sort((a, b) => a - b);
const pick = (q: number): number => Math.round(durations[Math.min(durations.length - 1, Math.floor(q * durations.length))] ?? NaN);
console.log(`first=${Math.round(first)} ms  runs=${runs} concurrency=${concurrency}  p50=${pick(0.5)} ms  p90=${pick(0.9)} ms  max=${pick(1)} ms  throughput=${(runs / (wall / 1000)).toFixed(1)} runs/s`);
server.close();
await rm(workRoot, { recursive: true, force: true });
