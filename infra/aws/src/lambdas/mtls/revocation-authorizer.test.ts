import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { dynamoCertificateTable } from '../pki/certificate-table.ts';
import { dynamoEvidenceWriter } from '../shared/evidence-writer.ts';
import { fakeTables } from '../test-support/fake-tables.ts';
import { createRevocationAuthorizer } from './revocation-authorizer.ts';

const NOW = Date.UTC(2026, 11, 2, 9);
const METHOD_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/a001/orders';

function authorizerEvent(serialNumber: string | undefined): APIGatewayRequestAuthorizerEvent {
  const clientCert =
    serialNumber === undefined
      ? null
      : {
          clientCertPem: '',
          serialNumber,
          subjectDN: 'CN=whatever',
          issuerDN: 'CN=Keyless Workshop CA e,O=Keyless',
          validity: { notAfter: '', notBefore: '' },
        };
  return {
    type: 'REQUEST',
    methodArn: METHOD_ARN,
    requestContext: { identity: { clientCert } },
  } as unknown as APIGatewayRequestAuthorizerEvent;
}

describe('mTLS revocation authorizer', () => {
  const tables = fakeTables();
  const certificates = dynamoCertificateTable(tables.client, 'certificates');
  const authorize = createRevocationAuthorizer({
    certificates,
    evidence: dynamoEvidenceWriter({ client: tables.client, tableName: 'evidence', now: () => NOW, retentionSeconds: 60 }),
    now: () => NOW,
  });
  const evidence = (slot: string) => tables.items('evidence').filter((item) => item.attendeeSlot === slot);
  const base = { keyType: 'EC-P-256', notBefore: NOW - 1000, notAfter: NOW + 3_600_000 };

  beforeEach(async () => {
    tables.reset();
    await certificates.put({ ...base, serial: '1a2b', slot: 'a001', subject: 'CN=keyless-e-a001,OU=keyless-workshop,O=Keyless' });
    await certificates.put({
      ...base,
      serial: '3c4d',
      slot: 'a002',
      subject: 'CN=keyless-e-a002,OU=keyless-workshop,O=Keyless',
      revokedAt: NOW - 10,
      revocationReason: 'keyCompromise',
    });
    await certificates.put({
      ...base,
      serial: '5e6f',
      slot: 'a001',
      subject: 'CN=keyless-e-a001,OU=keyless-workshop,O=Keyless',
      notAfter: NOW,
    });
  });

  it("allows a live certificate for the whole stage and names its slot and subject (API Gateway's colon form of the serial)", async () => {
    const result = await authorize(authorizerEvent('1a:2b'));
    assert.equal(
      result.policyDocument.Statement[0] && 'Effect' in result.policyDocument.Statement[0] ? result.policyDocument.Statement[0].Effect : '',
      'Allow',
    );
    assert.deepEqual(
      result.policyDocument.Statement[0] && 'Resource' in result.policyDocument.Statement[0]
        ? result.policyDocument.Statement[0].Resource
        : '',
      'arn:aws:execute-api:us-east-1:123456789012:abc123/prod/*',
    );
    assert.deepEqual(result.context, { slot: 'a001', subject: 'CN=keyless-e-a001,OU=keyless-workshop,O=Keyless', serial: '1a2b' });
    assert.deepEqual(
      evidence('a001').map((item) => [item.kind, item.outcome, item.serial]),
      [['tls-handshake', 'success', '1a2b']],
    );
  });

  for (const [name, serial, reason, slot] of [
    ['a revoked certificate, recorded for its owner', '3c:4d', 'revoked', 'a002'],
    ['an expired one', '5e6f', 'expired', 'a001'],
    ['one the PKI never issued', 'ffff', 'untrusted', undefined],
    ['a serial that is not hex', 'zz', 'untrusted', undefined],
    ['no certificate at all', undefined, 'no-certificate', undefined],
  ] as const) {
    it(`denies ${name}`, async () => {
      const result = await authorize(authorizerEvent(serial));
      const statement = result.policyDocument.Statement[0];
      assert.equal(statement && 'Effect' in statement ? statement.Effect : '', 'Deny');
      assert.deepEqual(result.context, { reason });
      if (slot) assert.equal(evidence(slot).at(-1)?.reason, reason);
      else assert.equal(tables.items('evidence').length, 0);
    });
  }
});
