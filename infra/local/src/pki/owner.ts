import type { X509Certificate } from 'node:crypto';
import { visibleToCaller } from '../channels/caller.ts';
import type { AttendeeRegistry } from '../attendees/index.ts';
import { serialOf } from './serial.ts';
import type { WorkshopPki } from './workshop-pki.ts';

/** What telling an owner takes: what the CA issued, and which attendees exist. */
export interface OwnerLookup {
  readonly pki: Pick<WorkshopPki, 'ca' | 'lookup'>;
  readonly attendees: Pick<AttendeeRegistry, 'get'>;
}

/**
 * Whose certificate this is: the attendee the workshop CA issued that serial
 * to (authoritative, for certificates it issued), else the attendee its
 * common name names, if any — an untrusted certificate claiming to be an
 * attendee is still that attendee's failed attempt, worth showing them.
 */
export function certificateOwner(certificate: X509Certificate, lookup: OwnerLookup): string | undefined {
  const owner = claimedOwner(certificate, lookup);
  // On a Run's channel, another attendee's certificate belongs to nobody this Run can act for.
  return visibleToCaller(owner) ? owner : undefined;
}

function claimedOwner(certificate: X509Certificate, { pki, attendees }: OwnerLookup): string | undefined {
  const issued = pki.lookup(serialOf(certificate));
  if (issued && certificate.checkIssued(pki.ca.nodeCertificate)) return issued.attendeeId;
  const cn = certificate.toLegacyObject().subject.CN;
  const name = Array.isArray(cn) ? cn[0] : cn;
  return name && attendees.get(name) ? name : undefined;
}
