import { z } from 'zod';
import { defineCheckKind, fail, pass } from '../types.ts';

/**
 * Passes when the attendee's latest decision for a scenario, as recorded by
 * the sandbox's architecture-review endpoint, is one of the accepted
 * mechanisms. The explanation says why that choice fits or does not: the
 * checker teaches, it does not just mark.
 */
export const decision = defineCheckKind({
  kind: 'decision',
  params: z
    .object({
      scenario: z.string().min(1).describe('Scenario id the decision is about.'),
      accept: z.array(z.string()).min(1).describe('Mechanisms that fit the scenario.'),
      explanations: z.record(z.string(), z.string()).default({}).describe('Why each mechanism fits or does not, keyed by mechanism.'),
      otherwise: z.string().describe('Explanation for any choice without its own entry.'),
    })
    .strict(),
  async evaluate(sandbox, params) {
    const latest = (await sandbox.evidence.query({ kind: 'decision', limit: 500 })).find((event) => event.scenario === params.scenario);
    if (!latest) return fail('decision.none', `No decision for "${params.scenario}" has been submitted yet: Run your code to submit it.`);
    const why = params.explanations[latest.choice];
    if (params.accept.includes(latest.choice)) {
      return pass('decision.fits', `${latest.choice} fits. ${why ?? ''}`.trim());
    }
    return fail('decision.does-not-fit', `${latest.choice} does not fit. ${why ?? params.otherwise}`);
  },
});
