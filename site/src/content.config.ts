import { stepFrontmatterSchema } from '@keyless/labs';
import { glob } from 'astro/loaders';
import { defineCollection } from 'astro:content';

// Lab steps live with their lab in labs/content (the single source of truth);
// the site only renders them. Frontmatter is validated by the labs schema.
export const collections = {
  steps: defineCollection({
    loader: glob({ pattern: '*/steps/*.mdx', base: '../labs/content' }),
    schema: stepFrontmatterSchema,
  }),
};
