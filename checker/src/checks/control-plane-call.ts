import { z } from 'zod';
import { defineCheckKind, fail, listOf, pass } from '../types.ts';

/**
 * Passes when the sandbox saw attendee code make the expected control-plane
 * call (e.g. Secrets Manager's GetSecretValue) with the expected outcome, and,
 * when asked, signed by the expected role: `principalPattern` tells the
 * workload's role from the client manager's, which is the point of lab 3.
 * The checker's own reads leave no such evidence, so they cannot pass it.
 */
export const controlPlaneCall = defineCheckKind({
  kind: 'control-plane-call',
  params: z
    .object({
      service: z.string().min(1).describe('Service prefix, e.g. "secretsmanager" or "cognito-idp".'),
      action: z.string().min(1).describe('API action, e.g. "GetSecretValue".'),
      outcome: z.enum(['success', 'failure']).default('success').describe('Whether the call must have succeeded.'),
      error: z.string().optional().describe('Exception name a failed call must have had, e.g. AccessDeniedException.'),
      principalPattern: z
        .string()
        .optional()
        .describe('Regular expression the signer (assumed-role ARN) must match, e.g. "assumed-role/keyless-instance-role/".'),
    })
    .strict(),
  async evaluate(sandbox, params) {
    const calls = (await sandbox.evidence.query({ kind: 'control-plane-call', limit: 300 })).filter(
      (call) => call.service === params.service && call.action === params.action,
    );
    const name = `${params.service}:${params.action}`;
    if (calls.length === 0) return fail('control-plane-call.none', `The sandbox has not seen ${name} from your code yet.`);
    const signer = params.principalPattern ? new RegExp(params.principalPattern) : undefined;
    const match = calls.find(
      (call) =>
        call.outcome === params.outcome && (!params.error || call.error === params.error) && (!signer || signer.test(call.principal ?? '')),
    );
    if (match) {
      return pass(
        'control-plane-call.ok',
        `${name} ${match.outcome === 'success' ? 'succeeded' : `failed with ${match.error ?? 'an error'}`}${match.principal ? ` for ${match.principal}` : ''}.`,
      );
    }
    const seen = [
      ...new Set(
        calls.map((call) => `${call.outcome}${call.error ? ` (${call.error})` : ''}${call.principal ? ` by ${call.principal}` : ''}`),
      ),
    ];
    const wanted = [
      params.outcome,
      params.error && `with ${params.error}`,
      params.principalPattern && `by a role matching ${params.principalPattern}`,
    ]
      .filter(Boolean)
      .join(' ');
    return fail('control-plane-call.mismatch', `${name} was called, but not ${wanted}. Seen: ${listOf(seen)}.`);
  },
});
