/**
 * A run request the runner refuses before starting anything: what is wrong
 * and how to fix it, so the site can show it to the attendee as is.
 */
export class RunRequestError extends Error {
  readonly hint: string;

  constructor(message: string, hint: string) {
    super(`${message}\n  Fix: ${hint}`);
    this.name = 'RunRequestError';
    this.hint = hint;
  }
}
