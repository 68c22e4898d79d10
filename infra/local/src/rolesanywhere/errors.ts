import { AwsServiceError } from '../errors/index.ts';

export type RolesAnywhereErrorCode =
  'AccessDeniedException' | 'ValidationException' | 'ResourceNotFoundException' | 'UnsupportedOperationException';

const STATUS: Record<RolesAnywhereErrorCode, number> = {
  AccessDeniedException: 403,
  ValidationException: 400,
  ResourceNotFoundException: 404,
  UnsupportedOperationException: 400,
};

/**
 * A Roles Anywhere (restJson1) error: status, `X-Amzn-ErrorType: <code>` and
 * `{"message": ...}`. The credential helper's deserializer reads the header
 * first, then the body's `code`/`__type`, and prints
 * `<code>: <message>` (reference §4.4).
 */
export class RolesAnywhereError extends AwsServiceError {
  declare readonly code: RolesAnywhereErrorCode;

  constructor(code: RolesAnywhereErrorCode, message: string) {
    super(code, message, STATUS[code]);
  }
}
