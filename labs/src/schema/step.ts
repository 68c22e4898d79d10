import { z } from 'zod';

/** Frontmatter of one MDX step file (`steps/NN-slug.mdx`). */
export const stepFrontmatterSchema = z
  .object({
    title: z.string().min(1).describe('Step heading shown in the step list and at the top of the step.'),
    checks: z
      .array(z.string())
      .default([])
      .describe('Ids of the lab checks this step completes (from lab.yaml `checks`).'),
    minutes: z.number().positive().max(60).describe('Estimated attendee minutes for the step, reading included.'),
    stretch: z.boolean().default(false).describe('Optional step for fast attendees; not part of the core path.'),
  })
  .strict();

export type StepFrontmatter = z.infer<typeof stepFrontmatterSchema>;
