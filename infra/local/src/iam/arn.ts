/** ARN shapes of the IAM and STS principals the sandbox hands out, built in one place. */
export const arns = {
  role: (accountId: string, roleName: string): string => `arn:aws:iam::${accountId}:role/${roleName}`,
  assumedRole: (accountId: string, roleName: string, sessionName: string): string =>
    `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
  instanceProfile: (accountId: string, name: string): string => `arn:aws:iam::${accountId}:instance-profile/${name}`,
  oidcProvider: (accountId: string, issuerHostPath: string): string => `arn:aws:iam::${accountId}:oidc-provider/${issuerHostPath}`,
  userPool: (region: string, accountId: string, userPoolId: string): string =>
    `arn:aws:cognito-idp:${region}:${accountId}:userpool/${userPoolId}`,
  /** `arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 random characters>` (or a pattern of it). */
  secret: (region: string, accountId: string, nameWithSuffix: string): string =>
    `arn:aws:secretsmanager:${region}:${accountId}:secret:${nameWithSuffix}`,
  /** `arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<resource path without leading slash>` */
  executeApi: (region: string, accountId: string, apiId: string, stage: string, method: string, resourcePath: string): string =>
    `arn:aws:execute-api:${region}:${accountId}:${apiId}/${stage}/${method}/${resourcePath.replace(/^\//, '')}`,
};

/** `arn:aws:iam::<12 digits>:role/<path/>name` → account and name (the last path segment), or undefined. */
export function parseRoleArn(arn: string): { accountId: string; roleName: string } | undefined {
  const match = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/.exec(arn);
  return match?.[1] && match[2] ? { accountId: match[1], roleName: match[2] } : undefined;
}

/** IAM ARNs for OIDC providers and condition keys name the issuer without its scheme. */
export function issuerHostPath(issuer: string): string {
  return issuer.replace(/^https?:\/\//, '');
}
