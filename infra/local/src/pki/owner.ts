import type { X509Certificate } from 'node:crypto';
import { visibleToCaller } from '../channels/caller.ts';
import type { SandboxState } from '../state.ts';
import { serialOf } from './serial.ts';

/**
 * Whose certificate this is: the attendee the workshop CA issued that serial
 * to (authoritative, for certificates it issued), else the attendee its
 * common name names, if any — an untrusted certificate claiming to be an
 * attendee is still that attendee's failed attempt, worth showing them.
 */
export function certificateOwner(certificate: X509Certificate, state: SandboxState): string | undefined {
  const owner = claimedOwner(certificate, state);
  // On a Run's channel, another attendee's certificate belongs to nobody this Run can act for.
  return visibleToCaller(owner) ? owner : undefined;
}

function claimedOwner(certificate: X509Certificate, state: SandboxState): string | undefined {
  const issued = state.pki.lookup(serialOf(certificate));
  if (issued && certificate.checkIssued(state.pki.ca.nodeCertificate)) return issued.attendeeId;
  const cn = certificate.toLegacyObject().subject.CN;
  const name = Array.isArray(cn) ? cn[0] : cn;
  return name && state.attendees.get(name) ? name : undefined;
}
