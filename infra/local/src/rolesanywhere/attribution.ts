import { X509Certificate } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { certificateOwner } from '../pki/index.ts';
import type { SandboxState } from '../state.ts';
import { parseRolesAnywhereArn } from './arns.ts';

/**
 * Whose CreateSession attempt this is, read without trusting anything, for
 * evidence only: a refused request (bad signature, untrusted certificate)
 * is still worth showing the attendee it concerns. The owner of the trust
 * anchor named in the query or body, else the owner of the certificate.
 */
export function attributeAttempt(request: IncomingMessage, query: string, body: Buffer, state: SandboxState): string | undefined {
  const arn = new URLSearchParams(query).get('trustAnchorArn') ?? bodyMember(body, 'trustAnchorArn');
  const parsed = arn ? parseRolesAnywhereArn(arn) : undefined;
  const anchorOwner = parsed?.type === 'trust-anchor' ? state.rolesAnywhere.byTrustAnchorId(parsed.id)?.attendeeId : undefined;
  if (anchorOwner) return anchorOwner;
  const header = request.headersDistinct['x-amz-x509']?.[0];
  try {
    return header ? certificateOwner(new X509Certificate(Buffer.from(header, 'base64')), state) : undefined;
  } catch {
    return undefined;
  }
}

function bodyMember(body: Buffer, name: string): string | undefined {
  try {
    const value = (JSON.parse(body.toString('utf8')) as Record<string, unknown> | null)?.[name];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
