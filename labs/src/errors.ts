/**
 * An error for lab authors: what is wrong, where, and how to fix it
 * (in the spirit of Astro's `AstroError(message, hint)`).
 */
export class LabContentError extends Error {
  readonly file: string;
  readonly field: string | undefined;
  readonly hint: string;

  constructor(options: { file: string; field?: string; message: string; hint: string }) {
    const where = options.field ? `${options.file} → ${options.field}` : options.file;
    super(`${where}: ${options.message}\n  Fix: ${options.hint}`);
    this.name = 'LabContentError';
    this.file = options.file;
    this.field = options.field;
    this.hint = options.hint;
  }
}
