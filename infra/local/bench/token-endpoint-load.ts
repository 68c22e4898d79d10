/**
 * Token endpoint throughput. The sandbox runs in a child process
 * (`token-endpoint-server.ts`), this process is the load generator:
 * keep-alive HTTP/1.1 connections, Basic client auth, one scope, every
 * response checked for 200 + access_token. A warm-up (JIT, connections,
 * SQLite pages) comes first and is not counted.
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { TokenTarget } from './token-endpoint-server.ts';

export interface TokenEndpointFigures {
  readonly tokens: number;
  readonly concurrency: number;
  readonly tokensPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
}

const SERVER = fileURLToPath(new URL('./token-endpoint-server.ts', import.meta.url));

export async function measureTokenEndpoint(options: {
  total: number;
  concurrency: number;
  serverNodeOptions?: readonly string[];
}): Promise<TokenEndpointFigures> {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', ...(options.serverNodeOptions ?? []), SERVER], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`token endpoint server exited (${code})`)));
    });
    const target = JSON.parse(line) as TokenTarget;
    const url = new URL(target.tokenUrl);
    const body = 'grant_type=client_credentials&scope=orders%2Fread';
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(body),
      authorization: `Basic ${Buffer.from(`${target.clientId}:${target.clientSecret}`).toString('base64')}`,
    };
    let errors = 0;
    const once = (): Promise<number> =>
      new Promise((resolve) => {
        const started = performance.now();
        const req = request(
          { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers, agent, timeout: 30_000 },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => {
              if (res.statusCode !== 200 || !text.includes('access_token')) errors += 1;
              resolve(performance.now() - started);
            });
          },
        );
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', () => {
          errors += 1;
          resolve(performance.now() - started);
        });
        req.end(body);
      });
    const run = async (count: number): Promise<number[]> => {
      const latencies: number[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: options.concurrency }, async () => {
          while (next < count) {
            next += 1;
            latencies.push(await once());
          }
        }),
      );
      return latencies;
    };
    await run(Math.min(500, options.total));
    errors = 0;
    const started = performance.now();
    const latencies = (await run(options.total)).sort((a, b) => a - b);
    const seconds = (performance.now() - started) / 1000;
    const pct = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? Number.NaN;
    return {
      tokens: options.total,
      concurrency: options.concurrency,
      tokensPerSecond: options.total / seconds,
      p50Ms: pct(0.5),
      p99Ms: pct(0.99),
      errors,
    };
  } finally {
    agent.destroy();
    child.stdin.end();
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  }
}
