import { RolesAnywhereError } from './errors.ts';

/** CreateSession's input after validation. */
export interface SessionParameters {
  readonly profileArn: string;
  readonly roleArn: string;
  readonly trustAnchorArn: string;
  readonly durationSeconds?: number;
  readonly roleSessionName?: string;
}

const ARN_MEMBERS = ['profileArn', 'roleArn', 'trustAnchorArn'] as const;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

const invalid = (member: string, value: unknown, constraint: string): RolesAnywhereError =>
  new RolesAnywhereError(
    'ValidationException',
    `1 validation error detected: Value ${shownValue(value)} at '${member}' failed to satisfy constraint: ${constraint}`,
  );

/** A request member's value as AWS's validation messages show it: null, or the value in quotes. */
function shownValue(value: unknown): string {
  // Request members are scalars, so String() is what AWS shows.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  return value === undefined ? 'null' : `'${String(value)}'`;
}

/**
 * Reads CreateSession's parameters the way both clients send them: the
 * official helper puts the three ARNs in the query string, the public
 * documentation in the JSON body, and the service accepts either (§4.1).
 * Sent in both places with different values is ambiguous: ValidationException.
 * `durationSeconds` and `roleSessionName` are body members; `sessionName`
 * (deprecated) and `instanceProperties` are accepted and unused.
 */
export function sessionParameters(query: string, body: Uint8Array): SessionParameters {
  const json = parseBody(body);
  const search = new URLSearchParams(query);
  const arns: Partial<Record<(typeof ARN_MEMBERS)[number], string>> = {};
  for (const member of ARN_MEMBERS) {
    const fromQuery = search.get(member) ?? undefined;
    const fromBody = json[member];
    if (fromBody !== undefined && typeof fromBody !== 'string') throw invalid(member, fromBody, 'Member must be a string');
    if (fromQuery !== undefined && fromBody !== undefined && fromQuery !== fromBody) {
      throw new RolesAnywhereError(
        'ValidationException',
        `${member} is given in both the query string and the body, with different values.`,
      );
    }
    const value = fromQuery ?? fromBody;
    if (!value) throw invalid(member, value, 'Member must not be null');
    arns[member] = value;
  }
  const { durationSeconds, roleSessionName, instanceProperties } = json;
  if (durationSeconds !== undefined) {
    if (typeof durationSeconds !== 'number' || !Number.isInteger(durationSeconds))
      throw invalid('durationSeconds', durationSeconds, 'Member must be an integer');
    if (durationSeconds < 900) throw invalid('durationSeconds', durationSeconds, 'Member must have value greater than or equal to 900');
    if (durationSeconds > 43_200) throw invalid('durationSeconds', durationSeconds, 'Member must have value less than or equal to 43200');
  }
  if (roleSessionName !== undefined && (typeof roleSessionName !== 'string' || !SESSION_NAME.test(roleSessionName))) {
    throw invalid('roleSessionName', roleSessionName, 'Member must satisfy regular expression pattern: [\\w+=,.@-]{2,64}');
  }
  if (
    instanceProperties !== undefined &&
    (typeof instanceProperties !== 'object' || instanceProperties === null || Array.isArray(instanceProperties))
  ) {
    throw invalid('instanceProperties', instanceProperties, 'Member must be a map of strings');
  }
  return {
    profileArn: arns.profileArn ?? '',
    roleArn: arns.roleArn ?? '',
    trustAnchorArn: arns.trustAnchorArn ?? '',
    ...(durationSeconds === undefined ? {} : { durationSeconds }),
    ...(roleSessionName === undefined ? {} : { roleSessionName: roleSessionName }),
  };
}

function parseBody(body: Uint8Array): Record<string, unknown> {
  const text = Buffer.from(body).toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RolesAnywhereError('ValidationException', 'The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new RolesAnywhereError('ValidationException', 'The request body must be a JSON object.');
  return value as Record<string, unknown>;
}
