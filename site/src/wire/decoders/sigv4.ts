import type { ApiCallEvidence, CertificateEvidence, ControlPlaneEvidence, SigV4Evidence, StsCallEvidence } from '@keyless/labs/sandbox';
import type { WireBlock, WireEntry, WireField } from '../model.ts';
import { entryOf, isoSeconds, outcomeStatus } from './entry.ts';

/** What a SigV4 signature showed, as rows and (on a mismatch) the two texts the sandbox signed. */
export function signatureParts(sigv4: SigV4Evidence | undefined): { fields: WireField[]; blocks: WireBlock[] } {
  if (!sigv4) {
    return {
      fields: [
        { label: 'Signature', value: 'none', explain: 'The request carried no SigV4 Authorization header, so nobody was identified.' },
      ],
      blocks: [],
    };
  }
  const x509 = sigv4.algorithm.startsWith('AWS4-X509');
  const fields: WireField[] = [
    {
      label: 'Algorithm',
      value: sigv4.algorithm,
      explain: x509
        ? 'Signed with the certificate’s private key, not an HMAC key.'
        : 'An HMAC-SHA256 signature: proof of the secret key without sending it.',
    },
    x509
      ? {
          label: 'Certificate serial',
          value: sigv4.credentialId,
          explain: 'The credential is the certificate itself, named by its serial number.',
        }
      : {
          label: 'Access key id',
          value: sigv4.credentialId,
          explain: 'Names the key; it is not secret. The secret access key never crossed the wire.',
        },
    {
      label: 'Credential scope',
      value: sigv4.credentialScope,
      explain: 'Date, region and service the signing key was derived for: a signature is valid for nothing else.',
    },
    {
      label: 'Signed headers',
      value: sigv4.signedHeaders.join(';'),
      explain: 'Only these headers are covered; change any of them and the signature no longer matches.',
    },
    {
      label: 'Signature',
      value: 'present (not shown)',
      explain: 'A valid signature can be replayed for up to 15 minutes, so it is never shown in full.',
    },
  ];
  const blocks: WireBlock[] =
    sigv4.canonicalRequest !== undefined && sigv4.stringToSign !== undefined
      ? [
          {
            title: 'Canonical request the sandbox computed',
            text: sigv4.canonicalRequest,
            explain: 'What a correct client signs for this request. Compare it line by line with the one your code built.',
          },
          {
            title: 'String to sign',
            text: sigv4.stringToSign,
            explain:
              'Its last line is the SHA-256 of the canonical request; the signature is an HMAC of this with the key derived from your secret.',
          },
        ]
      : [];
  return { fields, blocks };
}

const mismatchSummary =
  'The signature did not match: if your canonical request is the same as the sandbox’s, the secret access key (or the date, region or service in the scope) is what differs.';

/** An STS call (GetCallerIdentity, AssumeRole): signed with SigV4 for service `sts`, except AssumeRoleWithWebIdentity. */
export function decodeStsCall(evidence: StsCallEvidence): WireEntry {
  const { fields, blocks } = evidence.action === 'AssumeRoleWithWebIdentity' ? { fields: [], blocks: [] } : signatureParts(evidence.sigv4);
  const session: WireField[] = [];
  if (evidence.roleArn)
    session.push({
      label: 'Role asked for',
      value: evidence.roleArn,
      explain: 'The role whose trust policy decides whether this caller may assume it.',
    });
  if (evidence.durationSeconds !== undefined)
    session.push({
      label: 'Duration asked',
      value: `${String(evidence.durationSeconds)} s`,
      explain: 'Temporary credentials expire on their own; the role caps how long.',
    });
  if (evidence.expiresAt !== undefined)
    session.push({
      label: 'Credentials expire',
      value: isoSeconds(evidence.expiresAt),
      explain: 'After this, the session’s keys are refused everywhere.',
      countdownTo: evidence.expiresAt,
    });
  return entryOf(evidence, {
    mechanism: evidence.action === 'AssumeRoleWithWebIdentity' ? 'other' : 'sigv4',
    service: 'STS',
    request: evidence.action,
    door: 'STS endpoint (query protocol)',
    status: outcomeStatus(evidence),
    ...(evidence.principal ? { caller: evidence.principal } : {}),
    summary:
      blocks.length > 0
        ? mismatchSummary
        : evidence.action === 'GetCallerIdentity'
          ? 'Who am I? STS answers with the identity the signature proved.'
          : 'A signed request to trade this identity for another role’s temporary credentials.',
    fields: [...fields, ...session],
    blocks,
  });
}

/** A call to the Orders API's IAM door (authorizationType AWS_IAM): SigV4 for service `execute-api`. */
export function decodeIamDoorCall(evidence: ApiCallEvidence): WireEntry {
  const { fields, blocks } = signatureParts(evidence.sigv4);
  return entryOf(evidence, {
    mechanism: 'sigv4',
    service: 'Orders API',
    request: `${evidence.method} ${evidence.path}`,
    door: 'IAM (SigV4) door',
    status: String(evidence.status),
    ...(evidence.principal ? { caller: evidence.principal } : {}),
    summary:
      blocks.length > 0
        ? mismatchSummary
        : 'API Gateway checked the signature, then asked IAM whether this role session may execute-api:Invoke.',
    fields,
    blocks,
  });
}

const SERVICE_NAMES: Readonly<Record<string, string>> = { 'cognito-idp': 'Cognito', secretsmanager: 'Secrets Manager' };

/** A call to an AWS JSON 1.1 service (Cognito's control plane, Secrets Manager), signed with SigV4. */
export function decodeControlPlaneCall(evidence: ControlPlaneEvidence): WireEntry {
  const { fields, blocks } = signatureParts(evidence.sigv4);
  return entryOf(evidence, {
    mechanism: 'sigv4',
    service: SERVICE_NAMES[evidence.service] ?? evidence.service,
    request: evidence.action,
    door: 'AWS JSON 1.1 endpoint',
    status: outcomeStatus(evidence),
    ...(evidence.principal ? { caller: evidence.principal } : {}),
    summary:
      blocks.length > 0
        ? mismatchSummary
        : 'An AWS API call, signed with SigV4 like every other: the caller is the role session that signed it.',
    fields: evidence.resourceId
      ? [
          ...fields,
          { label: 'Resource', value: evidence.resourceId, explain: 'What the call created or touched; IAM authorised the caller on it.' },
        ]
      : fields,
    blocks,
  });
}

/** The workshop PKI issued or revoked a certificate (its routes are SigV4-signed for `execute-api`). */
export function decodeCertificate(evidence: CertificateEvidence): WireEntry {
  const { fields, blocks } = evidence.sigv4 ? signatureParts(evidence.sigv4) : { fields: [], blocks: [] };
  return entryOf(evidence, {
    mechanism: evidence.sigv4 ? 'sigv4' : 'other',
    service: 'Workshop PKI',
    request: evidence.action === 'issued' ? 'POST /pki/certificates' : `POST /pki/certificates/${evidence.serial}/revoke`,
    door: 'PKI endpoint',
    status: outcomeStatus(evidence),
    caller: evidence.subject,
    summary:
      evidence.action === 'issued'
        ? 'The CA signed your CSR: the private key stayed with you; only the public key travelled.'
        : 'The certificate is revoked: the mTLS door refuses it from now on.',
    fields: [
      ...fields,
      { label: 'Serial', value: evidence.serial, explain: 'How the CA, the CRL and the mTLS door name this certificate.' },
      {
        label: 'Not after',
        value: isoSeconds(evidence.notAfter),
        explain: 'After this date the certificate is refused even if never revoked.',
      },
    ],
    blocks,
  });
}
