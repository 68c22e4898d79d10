/**
 * An AWS JSON 1.1 error. The protocol handler turns it into HTTP 400 (unless
 * told otherwise) with `x-amzn-ErrorType: <type>` and
 * `{"__type": type, "message": ...}`, from which the unchanged SDK builds the
 * exception class of the same name (e.g. `InvalidOAuthFlowException`).
 */
export class AwsJsonError extends Error {
  readonly type: string;
  readonly status: number;

  constructor(type: string, message: string, status = 400) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = status;
  }
}
