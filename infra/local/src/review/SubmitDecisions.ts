import { z } from 'zod';
import type { EvidenceStore } from '../evidence/evidence-store.ts';
import type { RestResult } from '../protocols/rest-json.ts';

const Decisions = z
  .object({
    decisions: z
      .array(
        z
          .object({
            scenario: z.string().regex(/^[a-z0-9-]{1,64}$/, 'a scenario id such as "ci-pipeline"'),
            choice: z.string().regex(/^[a-z0-9-]{1,64}$/, 'a mechanism id such as "oidc-federation"'),
            reason: z.string().max(500).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(20),
  })
  .strict();

/**
 * `POST /review/<apiId>/decisions`: the "architecture review board" of the
 * choosing lab. It records each decision as evidence and judges nothing
 * itself: the checker does, so the explanation lives with the lab.
 * On AWS the same endpoint is a small Lambda function of the lab.
 */
export async function SubmitDecisions(
  body: Buffer,
  owner: { readonly attendeeId: string },
  { evidence }: { readonly evidence: Pick<EvidenceStore, 'record'> },
): Promise<RestResult> {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return { status: 400, json: { message: 'Invalid request body: not JSON' } };
  }
  const parsed = Decisions.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    return { status: 400, json: { message: 'Invalid request body', errors: problems } };
  }
  for (const { scenario, choice, reason } of parsed.data.decisions) {
    await evidence.record(owner.attendeeId, { kind: 'decision', outcome: 'success', scenario, choice, ...(reason ? { reason } : {}) });
  }
  return { status: 201, json: { recorded: parsed.data.decisions.length } };
}
