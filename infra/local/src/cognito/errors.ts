import { AwsJsonError } from '../http/aws-json-error.ts';

export { AwsJsonError };

export const invalidParameter = (message: string): AwsJsonError => new AwsJsonError('InvalidParameterException', message);
export const invalidOAuthFlow = (message: string): AwsJsonError => new AwsJsonError('InvalidOAuthFlowException', message);
export const scopeDoesNotExist = (message: string): AwsJsonError => new AwsJsonError('ScopeDoesNotExistException', message);
export const resourceNotFound = (message: string): AwsJsonError => new AwsJsonError('ResourceNotFoundException', message);

/**
 * Cognito's wording for a constraint failure, e.g. `1 validation error
 * detected: Value null at 'clientName' failed to satisfy constraint: Member
 * must not be null`.
 */
export function validationErrors(problems: readonly { path: string; value: unknown; constraint: string }[]): AwsJsonError {
  const details = problems.map(
    (problem) => `Value ${problem.value === undefined ? 'null' : `'${String(problem.value)}'`} at '${problem.path}' failed to satisfy constraint: ${problem.constraint}`,
  );
  const count = `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: `;
  return invalidParameter(count + details.join('; '));
}
