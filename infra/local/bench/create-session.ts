/**
 * IAM Roles Anywhere CreateSession throughput:
 * `node infra/local/bench/create-session.ts [requests=3000] [concurrency=32] [ec|rsa]`.
 *
 * The sandbox runs in a child process (as it would beside the site); this
 * process is the load generator. Setup goes through the real services: the
 * attendee's certificate is requested from the workshop PKI with a
 * SigV4-signed CSR. Every request is then signed afresh as
 * `aws_signing_helper` signs it (ARNs in the query, SigV4-X509 with the
 * certificate's key), sent over keep-alive HTTP/1.1, and must answer 201
 * with credentials. Each one runs the whole path: signature, chain,
 * revocation, profile, trust policy, a stored role session and evidence.
 */
import { spawn } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startLocalAws } from '../src/index.ts';
import { newKeyPair, requestCertificate } from '../src/test-support/pki.ts';
import { helperRequest } from '../src/rolesanywhere/helper-signer.ts';

interface Target {
  endpoint: string;
  region: string;
  trustAnchorArn: string;
  profileArn: string;
  roleArn: string;
  certificatePem: string;
  privateKeyPem: string;
}

if (process.argv[2] === 'serve') {
  const dir = mkdtempSync(join(tmpdir(), 'keyless-bench-'));
  const aws = await startLocalAws({ dbPath: join(dir, 'bench.db') });
  const outputs = await aws.outputs('bench');
  const issued = await requestCertificate(aws, 'bench', newKeyPair(process.argv[3] === 'rsa' ? 'rsa' : 'ec'));
  const target: Target = {
    endpoint: outputs.rolesAnywhereEndpoint,
    region: outputs.region,
    trustAnchorArn: outputs.rolesAnywhereTrustAnchorArn,
    profileArn: outputs.rolesAnywhereProfileArn,
    roleArn: outputs.rolesAnywhereRoleArn,
    certificatePem: issued.certificatePem,
    privateKeyPem: issued.privateKeyPem,
  };
  console.log(JSON.stringify(target));
  process.stdin.resume();
  process.stdin.on('end', () => void aws.close().then(() => rmSync(dir, { recursive: true, force: true })));
} else {
  const total = Number(process.argv[2] ?? 3000);
  const concurrency = Number(process.argv[3] ?? 32);
  const keyType = process.argv[4] === 'rsa' ? 'rsa' : 'ec';
  const serverArgs = (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', ...serverArgs, fileURLToPath(import.meta.url), 'serve', keyType],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  const target = JSON.parse(line) as Target;
  const certificate = new X509Certificate(target.certificatePem);
  const privateKey = createPrivateKey(target.privateKeyPem);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const once = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const prepared = helperRequest({ ...target, certificate, privateKey });
      const headers = { ...prepared.headers, 'Content-Length': String(Buffer.byteLength(prepared.body)) };
      const req = request(prepared.url, { method: 'POST', headers, agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          res.statusCode === 201 && text.includes('accessKeyId')
            ? resolve(performance.now() - started)
            : reject(new Error(`${res.statusCode}: ${text}`)),
        );
      });
      req.on('error', reject);
      req.end(prepared.body);
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
  await run(Math.min(300, total)); // warm-up: JIT, connections, SQLite pages
  const started = performance.now();
  const latencies = (await run(total)).sort((a, b) => a - b);
  const seconds = (performance.now() - started) / 1000;
  const pct = (p: number): string => (latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0).toFixed(1);
  console.log(
    `${total} CreateSession (${keyType}), concurrency ${concurrency}: ${(total / seconds).toFixed(0)} requests/s (p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms)`,
  );
  agent.destroy();
  child.stdin.end();
}
