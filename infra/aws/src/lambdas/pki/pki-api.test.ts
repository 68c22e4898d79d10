import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { before, beforeEach, describe, it } from 'node:test';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { dynamoEvidenceWriter } from '../shared/evidence-writer.ts';
import { fakeTables } from '../test-support/fake-tables.ts';
import { dynamoCertificateTable } from './certificate-table.ts';
import { createPkiApiHandler } from './pki-api.ts';
import { testWorkshopCa } from './test-ca.ts';
import * as x509 from './x509.ts';

const EVENT = 'reinvent';
const NOW = Date.UTC(2026, 11, 2, 9, 0, 0);
const role = (slot: string) => `arn:aws:sts::123456789012:assumed-role/keyless-${EVENT}-${slot}-roles-anywhere/s`;

function pkiEvent(
  method: string,
  resource: string,
  options: { userArn?: string; body?: string; serial?: string; contentType?: string; slot?: string } = {},
): APIGatewayProxyEvent {
  return {
    resource,
    path: resource.replace('{serial}', options.serial ?? ''),
    httpMethod: method,
    headers: options.contentType ? { 'Content-Type': options.contentType } : {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { slot: options.slot ?? 'a001', ...(options.serial === undefined ? {} : { serial: options.serial }) },
    stageVariables: null,
    body: options.body ?? null,
    isBase64Encoded: false,
    requestContext: {
      requestId: 'r',
      apiId: 'pki',
      identity: { userArn: options.userArn ?? null },
    } as unknown as APIGatewayProxyEvent['requestContext'],
  };
}

async function csr(subject: string): Promise<{ pem: string; keys: CryptoKeyPair }> {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const request = await x509.Pkcs10CertificateRequestGenerator.create({ name: subject, keys, signingAlgorithm: algorithm });
  return { pem: request.toString('pem'), keys };
}

describe('workshop PKI Lambda (CA key in KMS)', () => {
  const tables = fakeTables();
  let ca: Awaited<ReturnType<typeof testWorkshopCa>>;
  let handler: ReturnType<typeof createPkiApiHandler>;
  const evidence = (slot: string) => tables.items('evidence').filter((item) => item.attendeeSlot === slot);
  const crls: x509.X509Crl[] = [];

  before(async () => {
    ca = await testWorkshopCa(EVENT, NOW - 1000);
    handler = createPkiApiHandler({
      eventId: EVENT,
      ca: async () => ca,
      certificates: dynamoCertificateTable(tables.client, 'certificates'),
      evidence: dynamoEvidenceWriter({ client: tables.client, tableName: 'evidence', now: () => NOW, retentionSeconds: 60 }),
      now: () => NOW,
      crlUrl: 'https://pki.example/pki/crl',
      onRevocation: async (crl) => void crls.push(crl),
    });
  });
  beforeEach(() => {
    tables.reset();
    crls.length = 0;
  });

  const issue = async (slot: string, subject = 'CN=admin,O=Evil Corp') => {
    const request = await csr(subject);
    const response = await handler(
      pkiEvent('POST', '/pki/{slot}/certificates', {
        userArn: role(slot),
        body: JSON.stringify({ csr: request.pem }),
        contentType: 'application/json',
      }),
    );
    return { response, body: JSON.parse(response.body) as Record<string, string> };
  };

  it('signs a CSR with the KMS key; the subject is the attendee, never what the CSR asked for', async () => {
    const { response, body } = await issue('a001');
    assert.equal(response.statusCode, 201);
    const certificate = new X509Certificate(body.certificatePem ?? '');
    assert.ok(certificate.verify(ca.pair.publicKey), 'signed by the CA key held in KMS');
    assert.ok(certificate.checkIssued(new X509Certificate(Buffer.from(ca.certificate.rawData))));
    assert.equal(certificate.subject, `O=Keyless\nOU=keyless-workshop\nCN=keyless-${EVENT}-a001`);
    assert.equal(body.requestedSubject, 'CN=admin, O=Evil Corp');
    assert.equal(body.subject, `CN=keyless-${EVENT}-a001,OU=keyless-workshop,O=Keyless`);
    assert.equal(certificate.serialNumber.toLowerCase().replace(/^0+/, ''), body.serialNumber);
    const [item] = evidence('a001');
    assert.deepEqual(
      {
        kind: item?.kind,
        action: item?.action,
        outcome: item?.outcome,
        serial: item?.serial,
        subject: item?.subject,
        notAfter: item?.notAfter,
      },
      {
        kind: 'certificate',
        action: 'issued',
        outcome: 'success',
        serial: body.serialNumber,
        subject: body.subject,
        notAfter: Date.parse(body.notAfter ?? ''),
      },
    );
  });

  it('a bad CSR is 400 and failure evidence; a CSR whose signature is broken too', async () => {
    for (const bad of [
      'not a csr',
      (await csr('CN=x')).pem.replace(/[A-Za-z](?=[A-Za-z0-9+/=]*\n-----END)/, (c) => (c === 'A' ? 'B' : 'A')),
    ]) {
      const response = await handler(pkiEvent('POST', '/pki/{slot}/certificates', { userArn: role('a001'), body: bad }));
      assert.equal(response.statusCode, 400, bad.slice(0, 40));
    }
    assert.ok(evidence('a001').every((item) => item.outcome === 'failure'));
  });

  it('signed routes refuse a caller that is no attendee role of this event', async () => {
    for (const userArn of [
      undefined,
      'arn:aws:sts::123456789012:assumed-role/Admin/x',
      `arn:aws:sts::123456789012:assumed-role/keyless-other-a001-orders/x`,
    ]) {
      const response = await handler(pkiEvent('POST', '/pki/{slot}/certificates', { ...(userArn ? { userArn } : {}), body: 'x' }));
      assert.equal(response.statusCode, 403);
    }
  });

  it('revokes only your own certificate; the CRL lists it, is signed by the CA and goes to Roles Anywhere', async () => {
    const { body } = await issue('a001');
    const serial = body.serialNumber ?? '';
    const bobs = await handler(
      pkiEvent('POST', '/pki/{slot}/certificates/{serial}/revoke', { userArn: role('a002'), slot: 'a002', serial }),
    );
    assert.equal(bobs.statusCode, 404);
    const revoked = await handler(
      pkiEvent('POST', '/pki/{slot}/certificates/{serial}/revoke', {
        userArn: role('a001'),
        serial: body.serialNumberColons ?? '',
        body: '{"reason":"keyCompromise"}',
      }),
    );
    assert.equal(revoked.statusCode, 200);
    const again = await handler(pkiEvent('POST', '/pki/{slot}/certificates/{serial}/revoke', { userArn: role('a001'), serial }));
    assert.equal(again.statusCode, 409);
    assert.equal(evidence('a001').at(-1)?.action, 'revoked');
    assert.equal(evidence('a002').length, 0);
    assert.equal(crls.length, 1);

    const response = await handler(pkiEvent('GET', '/pki/{slot}/crl.pem'));
    const crl = new x509.X509Crl(response.body);
    assert.deepEqual(
      crl.entries.map((entry) => entry.serialNumber.replace(/^0+/, '')),
      [serial],
    );
    assert.ok(await crl.verify({ publicKey: ca.certificate.publicKey }), 'CRL signed by the CA key in KMS');
    const listed = JSON.parse((await handler(pkiEvent('GET', '/pki/{slot}/certificates', { userArn: role('a001') }))).body) as {
      certificates: { status: string }[];
    };
    assert.deepEqual(
      listed.certificates.map((c) => c.status),
      ['REVOKED'],
    );
    const bobsList = JSON.parse(
      (await handler(pkiEvent('GET', '/pki/{slot}/certificates', { userArn: role('a002'), slot: 'a002' }))).body,
    ) as {
      certificates: unknown[];
    };
    assert.deepEqual(bobsList.certificates, []);
  });

  it("a signed request on another attendee's PKI path is 403", async () => {
    const request = await csr('CN=x');
    const response = await handler(
      pkiEvent('POST', '/pki/{slot}/certificates', { userArn: role('a002'), slot: 'a001', body: request.pem }),
    );
    assert.equal(response.statusCode, 403);
    assert.equal(tables.items('evidence').length, 0);
  });

  it('malformed revocations are 400: a serial that is not hex, a reason that is not one', async () => {
    assert.equal(
      (await handler(pkiEvent('POST', '/pki/{slot}/certificates/{serial}/revoke', { userArn: role('a001'), serial: 'zz' }))).statusCode,
      400,
    );
    assert.equal(
      (
        await handler(
          pkiEvent('POST', '/pki/{slot}/certificates/{serial}/revoke', { userArn: role('a001'), serial: '1a', body: '{"reason":"bored"}' }),
        )
      ).statusCode,
      400,
    );
    assert.equal(
      (await handler(pkiEvent('POST', '/pki/{slot}/certificates/{serial}/revoke', { userArn: role('a001'), serial: '1a', body: '{' })))
        .statusCode,
      400,
    );
  });

  it('serves the CA certificate publicly', async () => {
    const response = await handler(pkiEvent('GET', '/pki/{slot}/ca.pem'));
    assert.equal(new X509Certificate(response.body).ca, true);
  });
});
