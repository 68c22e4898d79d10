import { z } from 'zod';
import { checkSchema } from './check.ts';

/** Services a lab needs from its sandbox; the sandbox provides exactly these. */
export const sandboxNeedSchema = z
  .enum(['cognito', 'orders-api', 'sts', 'imds', 'pki', 'mtls', 'roles-anywhere', 'ci-oidc', 'review'])
  .describe('A sandbox service the lab uses.');

/** Authentication mechanisms the curriculum teaches; the lab index groups by them. */
export const mechanismSchema = z
  .enum(['api-key', 'sts', 'instance-profile', 'cognito-client-credentials', 'mtls', 'roles-anywhere', 'oidc-federation', 'choosing'])
  .describe('The mechanism the lab teaches.');

/** A page of AWS documentation the lab's prose rests on, and what it supports. */
export const labSourceSchema = z
  .object({
    title: z.string().min(1).describe('The page title, as AWS names it.'),
    url: z
      .url({ protocol: /^https$/ })
      .describe('The page, https:// (prefer docs.aws.amazon.com, so attendees can check the claim where AWS makes it).'),
    supports: z.string().min(1).describe('What the lab says that this page backs, in a few words (e.g. "IMDSv1 fallback on 403/404/405").'),
  })
  .strict();

/** `lab.yaml`: the single source of truth for one lab. */
export const labSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase words joined by hyphens')
      .describe('Stable lab id, used in URLs and progress; the folder is `NN-<id>`.'),
    title: z.string().min(1).describe('Lab title.'),
    summary: z.string().min(1).describe('One or two sentences for the lab index.'),
    mechanism: mechanismSchema,
    minutes: z.number().positive().max(120).describe('Estimated duration of the core steps in minutes.'),
    prerequisites: z.array(z.string()).default([]).describe('Ids of labs to do first.'),
    objectives: z.array(z.string().min(1)).min(1).describe('What the attendee will be able to do afterwards.'),
    needs: z.array(sandboxNeedSchema).min(1).describe('Sandbox services the lab uses.'),
    entry: z.string().default('main.ts').describe('File the Run button executes, relative to starter/ and solution/.'),
    checks: z.array(checkSchema).min(1).describe('Checks that judge the evidence the sandbox recorded.'),
    sources: z
      .array(labSourceSchema)
      .default([])
      .describe('AWS documentation behind what the steps teach about AWS behaviour; shown at the foot of every step.'),
    proved: z
      .string()
      .min(1)
      .max(600)
      .optional()
      .describe(
        'What the attendee just proved, in one to three sentences, in the second person ("Your service got its own identity…"): shown as the close of the lab once every core check passed.',
      ),
  })
  .strict();

export type LabDefinition = z.infer<typeof labSchema>;
export type SandboxNeed = z.infer<typeof sandboxNeedSchema>;
export type Mechanism = z.infer<typeof mechanismSchema>;
export type LabSource = z.infer<typeof labSourceSchema>;
