import { AwsServiceError } from '../errors/index.ts';

/**
 * An STS error: the wire `<Code>` the SDK maps to its exception class
 * (`ExpiredTokenException`, `MalformedPolicyDocumentException`, …) or, for
 * unmodelled codes (`AccessDenied`, `SignatureDoesNotMatch`), keeps as the
 * error's name. Statuses as STS answers them (wire-format reference §5.4).
 */
export class StsError extends AwsServiceError {}

export const validationError = (message: string): StsError => new StsError('ValidationError', message);
export const accessDenied = (message: string): StsError => new StsError('AccessDenied', message, 403);

/** `1 validation error detected: Value 'x' at 'member' failed to satisfy constraint: …`, the awsQuery wording. */
export function constraintError(member: string, value: string | undefined, constraint: string): StsError {
  return validationError(
    `1 validation error detected: Value ${value === undefined ? 'null' : `'${value}'`} at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

/**
 * The SigV4 verifier speaks the JSON services' names (Cognito's); STS, an
 * older query service, has its own for the same failures.
 */
const SIGV4_CODES: Readonly<Record<string, { code: string; status: number }>> = {
  MissingAuthenticationTokenException: { code: 'MissingAuthenticationToken', status: 403 },
  IncompleteSignatureException: { code: 'IncompleteSignature', status: 400 },
  UnrecognizedClientException: { code: 'InvalidClientTokenId', status: 403 },
  InvalidSignatureException: { code: 'SignatureDoesNotMatch', status: 403 },
  ExpiredTokenException: { code: 'ExpiredToken', status: 403 },
};

export function fromSigV4Error(error: unknown): unknown {
  if (!(error instanceof AwsServiceError)) return error;
  const mapped = SIGV4_CODES[error.code];
  if (!mapped) return error;
  const message = error.code === 'MissingAuthenticationTokenException' ? 'Request is missing Authentication Token' : error.message;
  return new StsError(mapped.code, message, mapped.status);
}
