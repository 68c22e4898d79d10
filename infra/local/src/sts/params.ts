import { MalformedPolicyError, parsePolicy } from '../iam/index.ts';
import { constraintError, StsError } from './errors.ts';

/**
 * Request parameters of the STS actions (botocore model constraints), checked
 * before authorization as AWS validates the request shape first.
 */
const SESSION_NAME = /^[\w+=,.@-]*$/;

export function requiredParam(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null) throw constraintError(lowerFirst(name), undefined, 'Member must not be null');
  return value;
}

export function roleArnParam(params: URLSearchParams): string {
  const arn = requiredParam(params, 'RoleArn');
  if (arn.length < 20) throw constraintError('roleArn', arn, 'Member must have length greater than or equal to 20');
  if (arn.length > 2048) throw constraintError('roleArn', arn, 'Member must have length less than or equal to 2048');
  return arn;
}

export function sessionNameParam(params: URLSearchParams): string {
  const name = requiredParam(params, 'RoleSessionName');
  if (name.length < 2) throw constraintError('roleSessionName', name, 'Member must have length greater than or equal to 2');
  if (name.length > 64) throw constraintError('roleSessionName', name, 'Member must have length less than or equal to 64');
  if (!SESSION_NAME.test(name))
    throw constraintError('roleSessionName', name, 'Member must satisfy regular expression pattern: [\\w+=,.@-]*');
  return name;
}

/** DurationSeconds: 900–43200 by the model; the role's own maximum is checked once the role is known. Default 3600. */
export function durationParam(params: URLSearchParams): number {
  const raw = params.get('DurationSeconds');
  if (raw === null) return 3600;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw)) throw constraintError('durationSeconds', raw, 'Member must be an integer');
  if (value < 900) throw constraintError('durationSeconds', raw, 'Member must have value greater than or equal to 900');
  if (value > 43_200) throw constraintError('durationSeconds', raw, 'Member must have value less than or equal to 43200');
  return value;
}

/** The inline session policy (`Policy`), parsed so a malformed one fails now. */
export function policyParam(params: URLSearchParams): string | undefined {
  const policy = params.get('Policy');
  if (policy === null) return undefined;
  if (policy.length < 1 || policy.length > 2048)
    throw constraintError(
      'policy',
      policy,
      `Member must have length ${policy.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 2048'}`,
    );
  try {
    parsePolicy(policy);
  } catch (error) {
    if (error instanceof MalformedPolicyError) throw new StsError('MalformedPolicyDocument', error.message);
    throw error;
  }
  return policy;
}

/** `Tags.member.N.Key` / `.Value` → a map; at most 50, keys 1–128, values 0–256 characters. */
export function tagsParam(params: URLSearchParams): Record<string, string> {
  const tags: Record<string, string> = {};
  for (let n = 1; params.has(`Tags.member.${n}.Key`); n++) {
    const key = params.get(`Tags.member.${n}.Key`) ?? '';
    const value = params.get(`Tags.member.${n}.Value`) ?? '';
    if (key.length < 1 || key.length > 128) throw constraintError(`tags.${n}.member.key`, key, 'Member must have length between 1 and 128');
    if (value.length > 256) throw constraintError(`tags.${n}.member.value`, value, 'Member must have length less than or equal to 256');
    if (Object.keys(tags).some((existing) => existing.toLowerCase() === key.toLowerCase()))
      throw new StsError('InvalidParameterValue', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    tags[key] = value;
  }
  if (Object.keys(tags).length > 50) throw constraintError('tags', undefined, 'Member must have length less than or equal to 50');
  return tags;
}

export function sourceIdentityParam(params: URLSearchParams): string | undefined {
  const value = params.get('SourceIdentity');
  if (value === null) return undefined;
  if (value.length < 2 || value.length > 64 || !SESSION_NAME.test(value))
    throw constraintError(
      'sourceIdentity',
      value,
      'Member must satisfy regular expression pattern: [\\w+=,.@-]* with length between 2 and 64',
    );
  return value;
}

/** Parameters the sandbox does not emulate fail loudly rather than being ignored. */
export function rejectUnsupported(params: URLSearchParams, action: string, prefixes: readonly string[]): void {
  for (const key of params.keys()) {
    const prefix = prefixes.find((candidate) => key === candidate || key.startsWith(`${candidate}.`));
    if (prefix)
      throw new StsError(
        'UnsupportedOperation',
        `The local Keyless sandbox does not emulate the ${prefix} parameter of ${action}; run against real AWS for it.`,
      );
  }
}

/** Size of session policy and tags as a percentage of the packed limit (approximation; AWS compresses). */
export function packedPolicySize(policy: string | undefined, tags: Readonly<Record<string, string>>): number | undefined {
  const tagBytes = Object.entries(tags).reduce((sum, [key, value]) => sum + key.length + value.length, 0);
  if (policy === undefined && tagBytes === 0) return undefined;
  return Math.max(1, Math.ceil((100 * ((policy?.length ?? 0) + tagBytes)) / 2048));
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
