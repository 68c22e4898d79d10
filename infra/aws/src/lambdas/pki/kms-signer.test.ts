import assert from 'node:assert/strict';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { describe, it } from 'node:test';
import { SignCommand } from '@aws-sdk/client-kms';
import { createCaCertificate } from './ca-certificate.ts';
import { kmsX509Signer } from './kms-signer.ts';
import { kmsWithLocalKey } from './test-ca.ts';

describe('signing with a KMS key through @peculiar/x509', () => {
  it('makes a CA certificate that verifies with the key pair KMS holds', async () => {
    const { kms, mock, pair, spki } = kmsWithLocalKey('alias/ca');
    const certificate = await createCaCertificate(kmsX509Signer(kms, 'alias/ca'), spki, {
      eventId: 'reinvent',
      now: Date.UTC(2026, 11, 2),
    });
    const node = new X509Certificate(Buffer.from(certificate.rawData));
    assert.equal(node.ca, true);
    assert.ok(node.verify(pair.publicKey), 'self-signature verifies with the public key');
    assert.ok(node.checkIssued(node));
    assert.match(node.subject, /CN=Keyless Workshop CA reinvent/);
    assert.equal(mock.commandCalls(SignCommand).length, 1);
  });

  it('a signature by another key does not verify: the test can fail', async () => {
    const { kms, spki } = kmsWithLocalKey('alias/ca');
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const certificate = await createCaCertificate(kmsX509Signer(kms, 'alias/ca'), spki, { eventId: 'e', now: Date.now() });
    assert.equal(new X509Certificate(Buffer.from(certificate.rawData)).verify(other.publicKey), false);
  });
});
