import { z } from 'zod';
import { defineCheckKind, fail, listOf, pass } from '../types.ts';

/** Passes when IAM Roles Anywhere's CreateSession saw the expected outcome for the attendee's certificate. */
export const rolesAnywhereSession = defineCheckKind({
  kind: 'rolesanywhere-session',
  params: z
    .object({
      outcome: z.enum(['success', 'failure']).default('success').describe('Whether CreateSession must have succeeded.'),
      algorithm: z.enum(['AWS4-X509-RSA-SHA256', 'AWS4-X509-ECDSA-SHA256']).optional().describe('Signature algorithm used.'),
    })
    .strict(),
  async evaluate(sandbox, params) {
    const sessions = await sandbox.evidence.query({ kind: 'rolesanywhere-session', limit: 200 });
    if (sessions.length === 0)
      return fail('rolesanywhere-session.none', 'IAM Roles Anywhere has not seen a CreateSession request from you yet.');
    const match = sessions.find(
      (session) => session.outcome === params.outcome && (!params.algorithm || session.algorithm === params.algorithm),
    );
    if (match) {
      return pass(
        'rolesanywhere-session.ok',
        match.outcome === 'success'
          ? `CreateSession issued credentials for ${match.principal ?? match.roleArn ?? 'the role'} to certificate ${match.certificateSubject ?? ''}.`
          : `CreateSession was refused (${match.error ?? 'error'}).`,
      );
    }
    const seen = [
      ...new Set(
        sessions.map(
          (session) =>
            `${session.outcome}${session.error ? ` (${session.error})` : ''}${session.algorithm ? ` with ${session.algorithm}` : ''}`,
        ),
      ),
    ];
    return fail(
      'rolesanywhere-session.mismatch',
      `No CreateSession ${params.outcome === 'success' ? 'succeeded' : 'failed'}${params.algorithm ? ` with ${params.algorithm}` : ''}. Seen: ${listOf(seen)}.`,
    );
  },
});
