import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SandboxOutputs } from '@keyless/labs/sandbox';
import { startLocalAws, type LocalAws } from '../local-aws.ts';
import { signCertificate } from '../pki/issuer.ts';
import { attendeeSubject } from '../pki/names.ts';
import { generateWorkshopCa, importCa, type WorkshopCa } from '../pki/workshop-ca.ts';
import * as x509 from '../pki/x509.ts';
import { testKeys } from '../test-support/test-aws.ts';
import { helperRequest, sendHelperRequest } from './helper-signer.ts';

/** Certificates issued by an intermediate of the workshop CA, sent with X-Amz-X509-Chain. */
describe('CreateSession with an intermediate CA (X-Amz-X509-Chain)', () => {
  let dir: string;
  let aws: LocalAws;
  let outputs: SandboxOutputs;
  let intermediate: WorkshopCa;
  let leaf: X509Certificate;
  let leafKey: ReturnType<typeof createPrivateKey>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keyless-chain-'));
    const rootInput = await generateWorkshopCa();
    aws = await startLocalAws({ dbPath: join(dir, 'sandbox.db'), signingKeys: testKeys(), workshopCa: rootInput });
    outputs = await aws.outputs('alice');
    const root = await importCa(rootInput);
    const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
    const intermediateKeys = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
    const intermediateCert = await x509.X509CertificateGenerator.create({
      serialNumber: '2a',
      subject: 'CN=Keyless Issuing CA, O=Keyless',
      issuer: root.certificate.subjectName,
      notBefore: new Date(Date.now() - 3600_000),
      notAfter: new Date(Date.now() + 86_400_000),
      publicKey: intermediateKeys.publicKey,
      signingKey: root.signingKey,
      signingAlgorithm: root.signingAlgorithm,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(intermediateKeys.publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(root.certificate.publicKey),
      ],
    });
    intermediate = await importCa({
      certificatePem: intermediateCert.toString('pem'),
      privateKeyPem: x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', intermediateKeys.privateKey), 'PRIVATE KEY'),
    });
    const leafKeys = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
    const issued = await signCertificate(intermediate, {
      subject: attendeeSubject('alice'),
      publicKey: await x509.PublicKey.create(leafKeys.publicKey),
      serialHex: '4b1d',
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + 3600_000),
      usage: 'client',
    });
    leaf = new X509Certificate(Buffer.from(issued.rawData));
    leafKey = createPrivateKey({
      key: Buffer.from(await crypto.subtle.exportKey('pkcs8', leafKeys.privateKey)),
      format: 'der',
      type: 'pkcs8',
    });
  });
  after(async () => {
    await aws.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const send = (intermediates: X509Certificate[]) =>
    sendHelperRequest(
      helperRequest({
        endpoint: outputs.rolesAnywhereEndpoint,
        region: outputs.region,
        certificate: leaf,
        intermediates,
        privateKey: leafKey,
        trustAnchorArn: outputs.rolesAnywhereTrustAnchorArn,
        profileArn: outputs.rolesAnywhereProfileArn,
        roleArn: outputs.rolesAnywhereRoleArn,
      }),
    );

  it('accepts the leaf when the intermediate travels in X-Amz-X509-Chain (signed)', async () => {
    const { status, json } = await send([intermediate.nodeCertificate]);
    assert.equal(status, 201, JSON.stringify(json));
    const [event] = await aws.evidence('alice').query({ kind: 'rolesanywhere-session', limit: 1 });
    assert.equal(event?.outcome, 'success');
  });

  it('refuses it without the intermediate: Untrusted Signing Certificate', async () => {
    const { status, errorType, json } = await send([]);
    assert.deepEqual([status, errorType, json.message], [403, 'AccessDeniedException', 'Untrusted Signing Certificate']);
  });
});
