import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startImdsRecorder, type ImdsLogLine } from './imds-recorder.ts';

/** A tiny IMDSv2 on loopback: PUT /latest/api/token issues "t1"; GETs need it. */
function fakeImds(): Server {
  return createServer((request, response) => {
    if (request.method === 'PUT' && request.url === '/latest/api/token') return void response.writeHead(200).end('t1');
    if (request.headers['x-aws-ec2-metadata-token'] !== 't1') return void response.writeHead(401).end();
    response
      .writeHead(200, { 'content-type': 'text/plain' })
      .end(request.url === '/latest/meta-data/iam/security-credentials/' ? 'keyless-e1-a001-instance' : 'ok');
  });
}

describe('IMDS recorder', () => {
  let imds: Server;
  let recorder: Server;
  let dir: string;
  let base: string;
  const read = async (): Promise<ImdsLogLine[]> =>
    (await readFile(join(dir, 'imds.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ImdsLogLine);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'imds-'));
    imds = fakeImds();
    await new Promise<void>((resolve) => imds.listen(0, '127.0.0.1', resolve));
    recorder = await startImdsRecorder({
      listenHost: '127.0.0.1',
      listenPort: 0,
      upstreamHost: '127.0.0.1',
      upstreamPort: (imds.address() as AddressInfo).port,
      logPath: join(dir, 'imds.jsonl'),
      now: () => 42,
    });
    base = `http://127.0.0.1:${String((recorder.address() as AddressInfo).port)}`;
  });
  after(async () => {
    recorder.close();
    imds.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('forwards IMDSv2 unchanged and logs one line per request, token use included', async () => {
    const token = await (
      await fetch(`${base}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' } })
    ).text();
    assert.equal(token, 't1');
    const role = await fetch(`${base}/latest/meta-data/iam/security-credentials/`, { headers: { 'x-aws-ec2-metadata-token': token } });
    assert.equal(await role.text(), 'keyless-e1-a001-instance');
    const v1 = await fetch(`${base}/latest/meta-data/iam/security-credentials/`);
    assert.equal(v1.status, 401);
    const forged = await fetch(`${base}/latest/meta-data/?x=1`, { headers: { 'x-aws-ec2-metadata-token': 'forged' } });
    assert.equal(forged.status, 401);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(await read(), [
      { at: 42, method: 'PUT', path: '/latest/api/token', status: 200, sessionToken: false, tokenTtlSeconds: 21600 },
      { at: 42, method: 'GET', path: '/latest/meta-data/iam/security-credentials/', status: 200, sessionToken: true },
      { at: 42, method: 'GET', path: '/latest/meta-data/iam/security-credentials/', status: 401, sessionToken: false },
      { at: 42, method: 'GET', path: '/latest/meta-data/', status: 401, sessionToken: false },
    ]);
  });
});
