import { z } from 'zod';
import { defineCheckKind, fail, listOf, pass } from '../types.ts';

/**
 * Passes when STS saw the expected call from the attendee: e.g. an AssumeRole
 * into the orders role that succeeded, or one that failed with ExpiredToken.
 * Roles are matched by name (the ARN's last segment) because account ids
 * differ per sandbox.
 */
export const stsCall = defineCheckKind({
  kind: 'sts-call',
  params: z
    .object({
      action: z.enum(['GetCallerIdentity', 'AssumeRole', 'AssumeRoleWithWebIdentity']).describe('STS action.'),
      outcome: z.enum(['success', 'failure']).default('success').describe('Whether the call must have succeeded.'),
      error: z.string().optional().describe('Error code a failed call must have had, e.g. ExpiredToken.'),
      roleName: z.string().optional().describe('Name of the role assumed (AssumeRole*).'),
      callerPattern: z.string().optional().describe('Regular expression the caller ARN must match, e.g. "assumed-role/.+-instance-role/".'),
      maxDurationSeconds: z.number().int().positive().optional().describe('Upper bound for the session duration asked for.'),
    })
    .strict(),
  async evaluate(sandbox, params) {
    const calls = (await sandbox.evidence.query({ kind: 'sts-call', limit: 300 })).filter((call) => call.action === params.action);
    if (calls.length === 0) return fail('sts-call.none', `STS has not seen ${params.action} from you yet.`);
    const caller = params.callerPattern ? new RegExp(params.callerPattern) : undefined;
    const match = calls.find(
      (call) =>
        call.outcome === params.outcome &&
        (!params.error || call.error === params.error) &&
        (!params.roleName || call.roleArn?.endsWith(`/${params.roleName}`)) &&
        (!caller || caller.test(call.principal ?? '')) &&
        (!params.maxDurationSeconds || (call.durationSeconds ?? 3600) <= params.maxDurationSeconds),
    );
    if (match) {
      return pass(
        'sts-call.ok',
        `${params.action} ${match.outcome === 'success' ? 'succeeded' : `failed with ${match.error ?? 'an error'}`}${match.principal ? ` for ${match.principal}` : ''}${match.roleArn ? ` (role ${match.roleArn})` : ''}.`,
      );
    }
    const seen = [
      ...new Set(
        calls.map(
          (call) =>
            `${call.outcome}${call.error ? ` (${call.error})` : ''}${call.roleArn ? ` on ${call.roleArn}` : ''}${call.durationSeconds ? ` for ${call.durationSeconds} s` : ''}`,
        ),
      ),
    ];
    const wanted = [
      params.outcome,
      params.error && `with ${params.error}`,
      params.roleName && `on role ${params.roleName}`,
      params.maxDurationSeconds && `for at most ${params.maxDurationSeconds} s`,
    ]
      .filter(Boolean)
      .join(' ');
    return fail('sts-call.mismatch', `${params.action} was called, but not ${wanted}. Seen: ${listOf(seen)}.`);
  },
});
