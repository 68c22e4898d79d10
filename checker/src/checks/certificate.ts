import { z } from 'zod';
import { defineCheckKind, fail, pass } from '../types.ts';

/** Passes when the workshop PKI issued (or revoked) a certificate for the attendee. */
export const certificate = defineCheckKind({
  kind: 'certificate',
  params: z.object({ action: z.enum(['issued', 'revoked']).describe('What the PKI must have done.') }).strict(),
  async evaluate(sandbox, params) {
    const events = (await sandbox.evidence.query({ kind: 'certificate', limit: 100 })).filter((event) => event.outcome === 'success');
    const match = events.find((event) => event.action === params.action);
    if (match) return pass('certificate.ok', `Certificate ${match.serial} for ${match.subject} was ${match.action}.`);
    if (events.length === 0) return fail('certificate.none', 'The workshop CA has not issued you a certificate yet: submit a CSR.');
    return fail(
      'certificate.mismatch',
      `Your certificate${events.length > 1 ? 's were' : ' was'} ${[...new Set(events.map((event) => event.action))].join(' and ')}, but none was ${params.action}.`,
    );
  },
});
