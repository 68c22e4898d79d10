import { X509Certificate } from 'node:crypto';
import { certificateOwner } from '../pki/owner.ts';
import { parseRolesAnywhereArn } from './arns.ts';
import type { RolesAnywhereServices } from './services.ts';

/**
 * Whose CreateSession attempt this is, read without trusting anything, for
 * evidence only: a refused request (bad signature, untrusted certificate)
 * is still worth showing the attendee it concerns. The owner of the trust
 * anchor named in the query or body, else the owner of the certificate.
 */
export function attributeAttempt(
  request: { readonly query: string; readonly headers: Readonly<Record<string, readonly string[] | undefined>>; readonly body: Uint8Array },
  services: Pick<RolesAnywhereServices, 'rolesAnywhere' | 'pki' | 'attendees'>,
): string | undefined {
  const { query, body } = request;
  const arn = new URLSearchParams(query).get('trustAnchorArn') ?? bodyMember(body, 'trustAnchorArn');
  const parsed = arn ? parseRolesAnywhereArn(arn) : undefined;
  const anchorOwner = parsed?.type === 'trust-anchor' ? services.rolesAnywhere.byTrustAnchorId(parsed.id)?.attendeeId : undefined;
  if (anchorOwner) return anchorOwner;
  const header = request.headers['x-amz-x509']?.[0];
  try {
    return header ? certificateOwner(new X509Certificate(Buffer.from(header, 'base64')), services) : undefined;
  } catch {
    return undefined;
  }
}

function bodyMember(body: Uint8Array, name: string): string | undefined {
  try {
    const value = (JSON.parse(Buffer.from(body).toString('utf8')) as Record<string, unknown> | null)?.[name];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
