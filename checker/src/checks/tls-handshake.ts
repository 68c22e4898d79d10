import { z } from 'zod';
import { defineCheckKind, fail, listOf, pass } from '../types.ts';

/**
 * Passes when the mutual-TLS front door saw a handshake with the expected
 * outcome: a client certificate accepted, or refused for a given reason
 * (e.g. `revoked` after the attendee revoked their certificate).
 */
export const tlsHandshake = defineCheckKind({
  kind: 'tls-handshake',
  params: z
    .object({
      outcome: z.enum(['success', 'failure']).describe('Whether the certificate must have been accepted.'),
      reason: z.enum(['no-certificate', 'untrusted', 'expired', 'revoked']).optional().describe('Why it was refused (failure only).'),
    })
    .strict(),
  async evaluate(sandbox, params) {
    const handshakes = await sandbox.evidence.query({ kind: 'tls-handshake', limit: 300 });
    if (handshakes.length === 0) return fail('tls-handshake.none', 'The mutual-TLS endpoint has not seen a connection from you yet.');
    const match = handshakes.find(
      (handshake) => handshake.outcome === params.outcome && (!params.reason || handshake.reason === params.reason),
    );
    if (match) {
      return pass(
        'tls-handshake.ok',
        match.outcome === 'success'
          ? `Your certificate ${match.subject ?? ''} (serial ${match.serial ?? '?'}) was accepted.`
          : `A connection was refused: ${match.reason ?? 'unknown reason'}.`,
      );
    }
    const seen = [
      ...new Set(handshakes.map((handshake) => (handshake.outcome === 'success' ? 'accepted' : `refused (${handshake.reason ?? '?'})`))),
    ];
    return fail(
      'tls-handshake.mismatch',
      `No handshake was ${params.outcome === 'success' ? 'accepted' : `refused${params.reason ? ` as ${params.reason}` : ''}`}. Seen: ${listOf(seen)}.`,
    );
  },
});
