/** Roles Anywhere ARNs: `arn:aws:rolesanywhere:<region>:<account>:<trust-anchor|profile|subject>/<uuid>`. */
export const rolesAnywhereArn = (region: string, accountId: string, type: 'trust-anchor' | 'profile' | 'subject', id: string): string =>
  `arn:aws:rolesanywhere:${region}:${accountId}:${type}/${id}`;

const ARN =
  /^arn:aws:rolesanywhere:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):(trust-anchor|profile)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export interface ParsedRolesAnywhereArn {
  readonly region: string;
  readonly accountId: string;
  readonly type: 'trust-anchor' | 'profile';
  readonly id: string;
}

/** Parses a trust anchor or profile ARN; undefined when it is not one (a ValidationException for the caller). */
export function parseRolesAnywhereArn(arn: string): ParsedRolesAnywhereArn | undefined {
  const match = ARN.exec(arn);
  if (!match?.[1] || !match[2] || !match[3] || !match[4]) return undefined;
  return { region: match[1], accountId: match[2], type: match[3] as 'trust-anchor' | 'profile', id: match[4] };
}
