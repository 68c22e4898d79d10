/**
 * What an emulator action throws when it refuses a request: a code the
 * client recognises, an HTTP status and a message. Actions never write to
 * the wire themselves; the writer of their protocol (../protocols/) turns a
 * ServiceError into that protocol's error shape, and anything else into its
 * internal-error answer.
 */
export abstract class ServiceError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status: number) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = status;
  }

  /** Whose fault it is: 4xx the caller's, 5xx the sandbox's (awsQuery's Sender/Receiver). */
  get fault(): 'client' | 'server' {
    return this.status >= 500 ? 'server' : 'client';
  }
}

/**
 * An AWS service's error: `code` is the exception name AWS answers with
 * (`InvalidOAuthFlowException`, `AccessDenied`, …), from which the unchanged
 * SDK builds the exception class of the same name. 400 unless told otherwise.
 */
export class AwsServiceError extends ServiceError {
  constructor(code: string, message: string, status = 400) {
    super(code, message, status);
  }
}

/**
 * An error of one of Keyless's own services (the workshop PKI), which are
 * not AWS services: their codes are ours, even where the wire shape follows
 * API Gateway's (`{"message"}` and `x-amzn-ErrorType`).
 */
export class KeylessServiceError extends ServiceError {}
