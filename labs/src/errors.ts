import type { z } from 'zod';

/** One thing wrong in a lab file: where (a dotted field path, if any) and what. */
export interface LabContentIssue {
  readonly field?: string;
  readonly message: string;
}

/**
 * An error for lab authors: what is wrong, where, and how to fix it
 * (in the spirit of Astro's `AstroError(message, hint)`). One error may carry
 * several issues of the same file (every zod issue, not only the first): the
 * message has a line for each, then the fix.
 */
export class LabContentError extends Error {
  readonly file: string;
  /** The field of the first issue. */
  readonly field: string | undefined;
  readonly hint: string;
  /** Every issue, in the order found; the first is `field` and the message's first line. */
  readonly issues: readonly LabContentIssue[];

  constructor(options: { file: string; field?: string; message: string; hint: string; more?: readonly LabContentIssue[] }) {
    const issues: LabContentIssue[] = [
      { ...(options.field === undefined ? {} : { field: options.field }), message: options.message },
      ...(options.more ?? []),
    ];
    const where = (issue: LabContentIssue): string => (issue.field ? `${options.file} → ${issue.field}` : options.file);
    super(`${issues.map((issue) => `${where(issue)}: ${issue.message}`).join('\n')}\n  Fix: ${options.hint}`);
    this.name = 'LabContentError';
    this.file = options.file;
    this.field = options.field;
    this.hint = options.hint;
    this.issues = issues;
  }

  /** Every issue of a failed zod parse, fields prefixed with `fieldPrefix` (e.g. `checks.read-token.with`). */
  static fromZod(options: { file: string; error: z.ZodError; hint: string; fieldPrefix?: string }): LabContentError {
    const issues = options.error.issues.map((issue): LabContentIssue => {
      const field = [options.fieldPrefix, ...issue.path.map(String)].filter((part) => part !== undefined && part !== '').join('.');
      return { ...(field ? { field } : {}), message: issue.message };
    });
    const [first = { message: 'invalid' }, ...more] = issues;
    return new LabContentError({
      file: options.file,
      ...(first.field === undefined ? {} : { field: first.field }),
      message: first.message,
      hint: options.hint,
      more,
    });
  }
}
