import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { describe, it } from 'node:test';
import { GetPublicKeyCommand } from '@aws-sdk/client-kms';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { createCaCertificateResource } from './ca-certificate-resource.ts';
import { kmsWithLocalKey } from './test-ca.ts';
import * as x509 from './x509.ts';

const props = { ServiceToken: 'arn', KeyId: 'alias/ca', EventId: 'reinvent', Bucket: 'truststore', Key: 'truststore.pem' };
const event = (RequestType: 'Create' | 'Update' | 'Delete', extra: Record<string, unknown> = {}) =>
  ({
    RequestType,
    ResponseURL: 'https://cfn.example/r',
    StackId: 'stack',
    RequestId: 'req',
    LogicalResourceId: 'Ca',
    ResourceType: 'Custom::Ca',
    ResourceProperties: props,
    ...extra,
  }) as unknown as CloudFormationCustomResourceEvent;

function setup(keySpec = 'ECC_NIST_P256', versionId: string | null = 'v1') {
  const kms = kmsWithLocalKey('alias/ca');
  kms.mock.on(GetPublicKeyCommand).resolves({ PublicKey: kms.spki, KeySpec: keySpec as 'ECC_NIST_P256' });
  const s3 = new S3Client({ region: 'us-east-1' });
  const s3Mock = mockClient(s3);
  s3Mock.on(PutObjectCommand).resolves(versionId ? { VersionId: versionId } : {});
  s3Mock.on(DeleteObjectCommand).resolves({});
  const responses: Record<string, unknown>[] = [];
  const handler = createCaCertificateResource({
    kms: kms.kms,
    s3,
    now: () => Date.UTC(2026, 11, 1),
    respond: async (_url, body) => void responses.push(JSON.parse(body) as Record<string, unknown>),
  });
  return { kms, s3Mock, responses, handler };
}

describe('workshop CA certificate custom resource', () => {
  it('creates the CA over the KMS key, writes the truststore and returns its PEM, version and an empty CRL', async () => {
    const { kms, s3Mock, responses, handler } = setup();
    await handler(event('Create'));
    const [response] = responses;
    assert.equal(response?.Status, 'SUCCESS', String(response?.Reason));
    assert.equal(response.PhysicalResourceId, 'v1');
    const data = response.Data as { CertificatePem: string; TruststoreVersion: string; CrlDer: string };
    const certificate = new X509Certificate(data.CertificatePem);
    assert.ok(certificate.ca && certificate.verify(kms.pair.publicKey));
    assert.equal(data.TruststoreVersion, 'v1');
    assert.equal(s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input.Body, data.CertificatePem);
    const crl = new x509.X509Crl(Buffer.from(data.CrlDer, 'base64'));
    assert.equal(crl.entries.length, 0);
    assert.ok(await crl.verify({ publicKey: new x509.X509Certificate(data.CertificatePem).publicKey }));
  });

  it('reports FAILED (never hangs the stack) for a key of the wrong kind or an unversioned bucket', async () => {
    for (const [spec, version] of [
      ['RSA_2048', 'v1'],
      ['ECC_NIST_P256', null],
    ] as const) {
      const { responses, handler } = setup(spec, version);
      await handler(event('Create'));
      assert.equal(responses[0]?.Status, 'FAILED', `${spec} ${String(version)}`);
      assert.equal(responses[0].PhysicalResourceId, 'failed');
    }
  });

  it('on Delete removes only its own truststore version', async () => {
    const { s3Mock, responses, handler } = setup();
    await handler(event('Delete', { PhysicalResourceId: 'v7' }));
    assert.equal(s3Mock.commandCalls(DeleteObjectCommand)[0]?.args[0].input.VersionId, 'v7');
    assert.equal(responses[0]?.Status, 'SUCCESS');
    await handler(event('Delete', { PhysicalResourceId: 'failed' }));
    assert.equal(s3Mock.commandCalls(DeleteObjectCommand).length, 1);
  });
});
