import type { X509Certificate } from 'node:crypto';
import { requestContext, type Role } from '../iam/index.ts';
import { parseRolesAnywhereArn } from './arns.ts';
import { validateChain } from './chain.ts';
import { RolesAnywhereError } from './errors.ts';
import type { RolesAnywhereResources } from './resources.ts';
import type { RolesAnywhereServices } from './services.ts';

const denied = (message: string): RolesAnywhereError => new RolesAnywhereError('AccessDeniedException', message);

/** The trust anchor an ARN names in this sandbox (same region), or ResourceNotFoundException. */
export function trustAnchorFor(
  arn: string,
  { region, rolesAnywhere }: Pick<RolesAnywhereServices, 'region' | 'rolesAnywhere'>,
): RolesAnywhereResources {
  const parsed = parseRolesAnywhereArn(arn);
  if (parsed?.type !== 'trust-anchor')
    throw new RolesAnywhereError(
      'ValidationException',
      `1 validation error detected: Value '${arn}' at 'trustAnchorArn' failed to satisfy constraint: Member must be a trust anchor ARN`,
    );
  const resources = parsed.region === region ? rolesAnywhere.byTrustAnchorId(parsed.id) : undefined;
  if (!resources || resources.accountId !== parsed.accountId)
    throw new RolesAnywhereError('ResourceNotFoundException', `Trust anchor ${arn} not found.`);
  return resources;
}

/** The profile an ARN names, which must be in the trust anchor's account. */
export function profileFor(
  arn: string,
  anchor: RolesAnywhereResources,
  { region, rolesAnywhere }: Pick<RolesAnywhereServices, 'region' | 'rolesAnywhere'>,
): RolesAnywhereResources {
  const parsed = parseRolesAnywhereArn(arn);
  if (parsed?.type !== 'profile')
    throw new RolesAnywhereError(
      'ValidationException',
      `1 validation error detected: Value '${arn}' at 'profileArn' failed to satisfy constraint: Member must be a profile ARN`,
    );
  const profile = parsed.region === region ? rolesAnywhere.byProfileId(parsed.id) : undefined;
  if (!profile || profile.accountId !== parsed.accountId || profile.accountId !== anchor.accountId)
    throw new RolesAnywhereError('ResourceNotFoundException', `Profile ${arn} not found.`);
  if (!profile.enabled) throw denied('Profile is disabled.');
  return profile;
}

/**
 * The certificate must chain to the trust anchor's CA (the workshop CA, the
 * trust anchor's only source), be valid now, and not be revoked: Roles
 * Anywhere checks revocation against the CRLs imported for the trust anchor,
 * and the workshop CA's CRL is, in effect, always imported.
 */
export function checkCertificate(
  certificate: X509Certificate,
  chain: readonly X509Certificate[],
  serialHex: string,
  { pki, now }: Pick<RolesAnywhereServices, 'pki' | 'now'>,
): void {
  const result = validateChain(certificate, chain, pki.ca.nodeCertificate, now());
  if (!result.ok) throw denied(result.expired ? 'Certificate is expired or not yet valid.' : 'Untrusted Signing Certificate');
  const issued = pki.lookup(serialHex);
  if (issued?.revokedAt !== undefined && certificate.checkIssued(pki.ca.nodeCertificate)) throw denied('Certificate has been revoked.');
}

/** The role, which the profile must list and the attendee's account must hold. */
export function roleFor(roleArn: string, profile: RolesAnywhereResources, { iam }: Pick<RolesAnywhereServices, 'iam'>): Role {
  if (!profile.roleArns.includes(roleArn)) throw denied(`Profile ${profile.profileArn} does not allow role ${roleArn}.`);
  const role = iam.roleByArn(roleArn);
  if (!role || role.attendeeId !== profile.attendeeId) throw denied(`Role ${roleArn} does not exist.`);
  return role;
}

/**
 * Evaluates the role's trust policy as Roles Anywhere's AssumeRole does: the
 * service principal asks for sts:AssumeRole, sts:TagSession and
 * sts:SetSourceIdentity, with the certificate's attributes as principal (and
 * request) tags, the trust anchor as `aws:SourceArn`.
 */
export function checkTrust(
  role: Role,
  input: { tags: Readonly<Record<string, string>>; sourceIdentity: string | undefined; anchor: RolesAnywhereResources },
  { iam, now }: { readonly iam: Pick<RolesAnywhereServices['iam'], 'checkTrust'>; readonly now: () => number },
): void {
  const tagKeys: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.tags)) {
    tagKeys[`aws:PrincipalTag/${key}`] = value;
    tagKeys[`aws:RequestTag/${key}`] = value;
  }
  const context = requestContext({
    ...tagKeys,
    'aws:TagKeys': Object.keys(input.tags),
    'aws:SourceArn': input.anchor.trustAnchorArn,
    'aws:SourceAccount': input.anchor.accountId,
    'sts:SourceIdentity': input.sourceIdentity,
    'aws:CurrentTime': new Date(now()).toISOString(),
    'aws:EpochTime': String(Math.floor(now() / 1000)),
  });
  const decision = iam.checkTrust(role, {
    principal: { type: 'Service', name: 'rolesanywhere.amazonaws.com' },
    actions: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
    context,
  });
  if (!decision.allowed) throw denied(`Not authorized to assume role ${role.arn}: its trust policy does not allow this certificate.`);
}
