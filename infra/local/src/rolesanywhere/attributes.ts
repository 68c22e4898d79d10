import { createHash, type X509Certificate } from 'node:crypto';
import { memo } from './certificate-cache.ts';

/** Subject and issuer attributes Roles Anywhere's default attribute mapping extracts. */
const DN_SPECIFIERS = ['CN', 'OU', 'O', 'L', 'ST', 'C'] as const;

/**
 * The certificate's attributes as Roles Anywhere maps them by default into
 * session (principal) tags: `x509Subject/<RDN>`, `x509Issuer/<RDN>` and
 * `x509SAN/DNS`, `x509SAN/URI`, `x509SAN/Name` (first value of each). Trust
 * policies test them as `aws:PrincipalTag/x509Subject/CN`.
 */
export const certificateTags = memo((certificate: X509Certificate): Readonly<Record<string, string>> => {
  const { subject, issuer } = certificate.toLegacyObject();
  const tags: Record<string, string> = {};
  for (const [field, dn] of [
    ['x509Subject', subject],
    ['x509Issuer', issuer],
  ] as const) {
    for (const specifier of DN_SPECIFIERS) {
      const value = firstValue(dn[specifier]);
      if (value) tags[`${field}/${specifier}`] = value;
    }
  }
  for (const entry of (certificate.subjectAltName ?? '').split(', ')) {
    const [type, ...rest] = entry.split(':');
    const key = type === 'DNS' ? 'x509SAN/DNS' : type === 'URI' ? 'x509SAN/URI' : type === 'DirName' ? 'x509SAN/Name' : undefined;
    if (key && !tags[key]) tags[key] = rest.join(':');
  }
  return Object.freeze(tags);
});

const firstValue = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * Roles Anywhere's "subject": one per distinct certificate subject and
 * issuer in an account. AWS gives it a random UUID; here it is derived from
 * those (UUID-shaped SHA-256), so the same certificate keeps its subject ARN.
 */
export function subjectId(accountId: string, certificate: X509Certificate): string {
  const hex = createHash('sha256').update(`${accountId}\n${certificate.subject}\n${certificate.issuer}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
