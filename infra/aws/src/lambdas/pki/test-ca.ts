import assert from 'node:assert/strict';
import { createSign, generateKeyPairSync } from 'node:crypto';
import { KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { createCaCertificate } from './ca-certificate.ts';
import { kmsX509Signer } from './kms-signer.ts';
import type { WorkshopCa } from './workshop-ca.ts';

/**
 * KMS for tests: a P-256 key made here, and a mocked KMS Sign that signs with
 * it exactly as KMS does (DER ECDSA over SHA-256 of the RAW message), so what
 * the code under test signs really verifies.
 */
export function kmsWithLocalKey(keyId: string) {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kms = new KMSClient({ region: 'us-east-1' });
  const mock = mockClient(kms);
  mock.on(SignCommand).callsFake((input: { KeyId?: string; Message?: Uint8Array; MessageType?: string; SigningAlgorithm?: string }) => {
    if (input.KeyId !== keyId) throw Object.assign(new Error('Key not found'), { name: 'NotFoundException' });
    assert.equal(input.MessageType, 'RAW');
    assert.equal(input.SigningAlgorithm, 'ECDSA_SHA_256');
    const signer = createSign('SHA256');
    signer.update(input.Message ?? new Uint8Array());
    return {
      KeyId: keyId,
      Signature: new Uint8Array(signer.sign({ key: pair.privateKey, dsaEncoding: 'der' })),
      SigningAlgorithm: 'ECDSA_SHA_256',
    };
  });
  return { kms, mock, pair, spki: new Uint8Array(pair.publicKey.export({ format: 'der', type: 'spki' })) };
}

/** A workshop CA whose key is "in KMS" (the mock above). */
export async function testWorkshopCa(eventId: string, now: number): Promise<WorkshopCa & ReturnType<typeof kmsWithLocalKey>> {
  const kms = kmsWithLocalKey('alias/ca');
  const signer = kmsX509Signer(kms.kms, 'alias/ca');
  return { ...kms, signer, certificate: await createCaCertificate(signer, kms.spki, { eventId, now }) };
}
