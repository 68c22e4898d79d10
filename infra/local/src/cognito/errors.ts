import { AwsServiceError } from '../errors/index.ts';

export const invalidParameter = (message: string): AwsServiceError => new AwsServiceError('InvalidParameterException', message);
export const invalidOAuthFlow = (message: string): AwsServiceError => new AwsServiceError('InvalidOAuthFlowException', message);
export const scopeDoesNotExist = (message: string): AwsServiceError => new AwsServiceError('ScopeDoesNotExistException', message);
export const resourceNotFound = (message: string): AwsServiceError => new AwsServiceError('ResourceNotFoundException', message);

/**
 * Cognito's wording for a constraint failure, e.g. `1 validation error
 * detected: Value null at 'clientName' failed to satisfy constraint: Member
 * must not be null`.
 */
export function validationErrors(problems: readonly { path: string; value: unknown; constraint: string }[]): AwsServiceError {
  const details = problems.map(
    (problem) => `Value ${shownValue(problem.value)} at '${problem.path}' failed to satisfy constraint: ${problem.constraint}`,
  );
  const count = `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: `;
  return invalidParameter(count + details.join('; '));
}

/** A request member's value as AWS's validation messages show it: null, or the value in quotes. */
function shownValue(value: unknown): string {
  // Request members are scalars, so String() is what AWS shows.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  return value === undefined ? 'null' : `'${String(value)}'`;
}
