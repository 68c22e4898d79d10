import { z } from 'zod';

/** Frontmatter of one MDX step file (`steps/NN-slug.mdx`). */
export const stepFrontmatterSchema = z
  .object({
    title: z.string().min(1).describe('Step heading shown in the step list and at the top of the step.'),
    checks: z.array(z.string()).default([]).describe('Ids of the lab checks this step completes (from lab.yaml `checks`).'),
    regions: z
      .array(z.string().regex(/^[\w-]+$/, 'a region name as in `// #region <name>`'))
      .default([])
      .describe(
        'Code regions (`// #region <name>` in starter/ and solution/) this step fills in. The partial solution of step N is the starter with the regions of steps 1..N taken from the solution; CI proves it passes exactly the checks of steps 1..N.',
      ),
    minutes: z.number().positive().max(60).describe('Estimated attendee minutes for the step, reading included.'),
    stretch: z.boolean().default(false).describe('Optional step for fast attendees; not part of the core path.'),
    runner: z
      .enum(['instance', 'browser', 'auto'])
      .default('auto')
      .describe(
        "Where the step's Run may execute. `instance`: always on the attendee's sandbox instance (needed for IMDS, TLS client certificates and Roles Anywhere, which a browser has not). `browser`: in a WebContainer in the attendee's browser when one boots, else the instance. `auto` (default): the browser when the lab needs nothing instance-only (see labs/src/runner-placement.ts), else the instance. A step whose checks are IMDS, mTLS or Roles Anywhere kinds may not say `browser`.",
      ),
    predict: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe(
        'One question the attendee answers before pressing Run ("What status will the call without the key get?"), so the Run confirms or corrects a guess instead of only showing output. Shown as "Predict, then Run" above the step\'s checks.',
      ),
  })
  .strict();

export type StepFrontmatter = z.infer<typeof stepFrontmatterSchema>;
