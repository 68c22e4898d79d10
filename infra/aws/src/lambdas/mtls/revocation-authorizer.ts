import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { canonicalSerial } from '@keyless/labs/sandbox';
import type { CertificateTable } from '../pki/certificate-table.ts';
import type { EvidenceWriter } from '../shared/evidence-writer.ts';

export interface RevocationAuthorizerDependencies {
  readonly certificates: Pick<CertificateTable, 'get'>;
  readonly evidence: EvidenceWriter;
  readonly now: () => number;
}

/**
 * The mTLS door's Lambda authorizer. API Gateway has already checked the
 * client certificate's chain to the truststore (the workshop CA) and its
 * validity dates, but it does not check revocation (API Gateway Developer
 * Guide, "mutual TLS": use a Lambda authorizer for that). So: look the
 * serial up in the PKI's table, refuse a revoked or unknown one, and tell
 * the Orders Lambda which slot and subject the certificate belongs to.
 *
 * The authorizer's identity source is the certificate's serial number, so
 * API Gateway caches the verdict per certificate (never one attendee's Allow
 * for another's certificate); the policy covers the whole stage for that
 * reason. Each verdict is `tls-handshake` evidence of the certificate's slot.
 */
export function createRevocationAuthorizer(
  deps: RevocationAuthorizerDependencies,
): (event: APIGatewayRequestAuthorizerEvent) => Promise<APIGatewayAuthorizerResult> {
  return async (event) => {
    const cert = event.requestContext.identity.clientCert;
    const resource = stageWide(event.methodArn);
    if (!cert) return deny('no-certificate', resource);
    const serial = canonicalSerial(cert.serialNumber);
    const record = serial === undefined ? undefined : await deps.certificates.get(serial);
    // Not in the table: not issued by this event's PKI, so there is no attendee to record it for.
    if (!serial || !record) return deny('untrusted', resource);
    const seen = { kind: 'tls-handshake', subject: record.subject, issuer: cert.issuerDN, serial } as const;
    if (record.revokedAt !== undefined) {
      await deps.evidence.record(record.slot, {
        ...seen,
        outcome: 'failure',
        reason: 'revoked',
        error: `certificate ${serial} is revoked (${record.revocationReason ?? 'unspecified'})`,
      });
      return deny('revoked', resource);
    }
    if (record.notAfter <= deps.now()) {
      await deps.evidence.record(record.slot, { ...seen, outcome: 'failure', reason: 'expired', error: 'certificate expired' });
      return deny('expired', resource);
    }
    await deps.evidence.record(record.slot, { ...seen, outcome: 'success' });
    return {
      principalId: record.subject,
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resource }] },
      context: { slot: record.slot, subject: record.subject, serial },
    };
  };
}

/** `arn:aws:execute-api:<region>:<account>:<api>/<stage>/*`: the verdict is about the certificate, not the method. */
function stageWide(methodArn: string): string {
  const [apiArn, stage] = methodArn.split('/');
  return apiArn && stage ? `${apiArn}/${stage}/*` : methodArn;
}

function deny(reason: string, resource: string): APIGatewayAuthorizerResult {
  return {
    principalId: 'unauthorized',
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: resource }] },
    context: { reason },
  };
}
