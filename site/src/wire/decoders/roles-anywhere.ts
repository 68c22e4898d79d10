import type { RolesAnywhereSessionEvidence } from '@keyless/labs/sandbox';
import type { WireEntry, WireField } from '../model.ts';
import { entryOf, isoSeconds } from './entry.ts';
import { signatureParts } from './sigv4.ts';

/** An IAM Roles Anywhere CreateSession: a SigV4-X509 request signed with the certificate's private key. */
export function decodeCreateSession(evidence: RolesAnywhereSessionEvidence): WireEntry {
  const signature = evidence.sigv4 ? signatureParts(evidence.sigv4).fields : [];
  const fields: WireField[] = [];
  if (evidence.algorithm && !evidence.sigv4)
    fields.push({
      label: 'Algorithm',
      value: evidence.algorithm,
      explain: 'SigV4-X509: the certificate’s private key signs, not an HMAC key.',
    });
  fields.push(...signature);
  if (evidence.certificateSerial && !evidence.sigv4)
    fields.push({
      label: 'Certificate serial',
      value: evidence.certificateSerial,
      explain: 'The credential in the scope is the certificate itself.',
    });
  if (evidence.certificateSubject)
    fields.push({
      label: 'Certificate subject',
      value: evidence.certificateSubject,
      explain: 'The role’s trust policy can match on these attributes.',
    });
  fields.push({
    label: 'Trust decision',
    value:
      evidence.outcome === 'success'
        ? 'trusted: chained to the trust anchor, not revoked, trust policy allowed'
        : (evidence.error ?? 'refused'),
    explain: 'The trust anchor is the CA; the profile and the role’s trust policy decide the rest.',
  });
  if (evidence.trustAnchorArn)
    fields.push({ label: 'Trust anchor', value: evidence.trustAnchorArn, explain: 'The CA this account trusts for Roles Anywhere.' });
  if (evidence.roleArn) fields.push({ label: 'Role', value: evidence.roleArn, explain: 'The role the session is for.' });
  if (evidence.principal)
    fields.push({
      label: 'Session issued',
      value: evidence.principal,
      explain: 'Ordinary temporary credentials, used with SigV4 from here on.',
    });
  if (evidence.expiresAt !== undefined)
    fields.push({
      label: 'Credentials expire',
      value: isoSeconds(evidence.expiresAt),
      explain: 'The profile sets the session duration.',
      countdownTo: evidence.expiresAt,
    });
  return entryOf(evidence, {
    mechanism: 'roles-anywhere',
    service: 'Roles Anywhere',
    request: 'POST /sessions (CreateSession)',
    door: 'Roles Anywhere endpoint',
    status: evidence.outcome === 'success' ? '201' : (evidence.error?.split(':')[0] ?? 'refused'),
    ...(evidence.principal ? { caller: evidence.principal } : evidence.certificateSubject ? { caller: evidence.certificateSubject } : {}),
    summary: 'A certificate off AWS became temporary AWS credentials: the private key signed, and never left the machine.',
    fields,
  });
}
