import { z } from 'zod';

/**
 * A check as written in `lab.yaml`: data only. The logic lives in
 * `checker/src/checks/<kind>.ts`, which also validates `with`.
 */
export const checkSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase words joined by hyphens, e.g. "token-issued"')
      .describe('Stable id of the check within the lab; progress is stored under it.'),
    kind: z.string().min(1).describe('Check kind, the name of a file in checker/src/checks/ (e.g. "token-issued").'),
    title: z.string().min(1).describe('What the attendee should have achieved, shown next to the pass/fail mark.'),
    with: z.record(z.string(), z.unknown()).default({}).describe('Parameters for the check kind; each kind validates its own.'),
    hint: z.string().min(1).describe('What to try when the check fails; shown to the attendee.'),
  })
  .strict();

export type CheckDefinition = z.infer<typeof checkSchema>;
