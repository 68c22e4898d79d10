/**
 * Room mode over HTTPS (KEYLESS_TLS_CERT / KEYLESS_TLS_KEY): the site serves
 * TLS with the instructor's certificate, the room's address is https://, and
 * the attendee's and instructor's session cookies are Secure, so a shared
 * network never sees them in the clear. No browser: two HTTPS requests.
 */
// Before @peculiar/x509: its providers resolve through tsyringe, which needs this polyfill loaded first.
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as x509 from '@peculiar/x509';
import { LOCAL_INSTRUCTOR } from '../src/server/instructors/instructor-auth.ts';
import { freshDataDir, startTestServer } from './test-support/local-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let certificate = '';

before(async () => {
  // A throwaway certificate for 127.0.0.1, as mkcert would make for the room's address.
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=keyless-room',
    keys,
    signingAlgorithm: algorithm,
    extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: '127.0.0.1' }])],
  });
  certificate = cert.toString('pem');
  const dataDir = freshDataDir();
  const certFile = join(dataDir, 'room.crt');
  const keyFile = join(dataDir, 'room.key');
  writeFileSync(certFile, certificate);
  writeFileSync(keyFile, x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY'));
  server = await startTestServer(dataDir, { publicUrl: 'https://127.0.0.1', tls: { certFile, keyFile } });
});
after(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed, which its type cannot say
  await server?.close();
});

function post(path: string, body: unknown): Promise<{ status: number; cookies: string[] }> {
  const url = new URL(path, server.site.url.replace('localhost', '127.0.0.1'));
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      { method: 'POST', ca: certificate, headers: { 'content-type': 'application/json', origin: url.origin } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, cookies: res.headers['set-cookie'] ?? [] }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

test('with a certificate the site serves HTTPS and every session cookie is Secure', async () => {
  assert.match(server.site.url, /^https:\/\//);
  assert.deepEqual(server.runtime.room.urls, ['https://127.0.0.1']);
  const { service } = server.runtime.events;
  const now = Date.now();
  const created = service.create(
    {
      name: 'TLS room',
      startsAt: now,
      endsAt: now + 3_600_000,
      labs: ['cognito-client-credentials'],
      sandboxMode: 'local',
      capacity: 5,
      stuckAfterMinutes: 10,
    },
    server.runtime.instructors.localInstructor().id,
  );
  assert.ok(created.ok);
  const code = service.codes(created.value.id)[0]?.code ?? '';
  const joined = await post('/api/join', { code, displayName: 'Ada' });
  assert.equal(joined.status, 200);
  assert.ok(joined.cookies.length > 0);
  for (const cookie of joined.cookies) assert.match(cookie, /;\s*Secure/i, cookie.split('=')[0]);
  const signedIn = await post('/api/instructor/login-link', { token: server.runtime.instructors.loginLinkToken(LOCAL_INSTRUCTOR) });
  assert.equal(signedIn.status, 200);
  for (const cookie of signedIn.cookies) assert.match(cookie, /;\s*Secure/i, cookie.split('=')[0]);
});
