import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AttendeeRecord } from '../attendees/index.ts';
import { roleCatalogue, ROLE_NAMES } from '../iam/catalogue.ts';
import { evaluateTrust } from '../iam/evaluate.ts';
import type { Role } from '../iam/index.ts';
import { RolesAnywhereError } from './errors.ts';
import { checkTrust } from './trust.ts';
import type { RolesAnywhereResources } from './resources.ts';

/**
 * The Roles Anywhere role's trust policy pins the CA as well as the
 * certificate: AWS's own example ("Attribute mapping and trust policy",
 * IAM Roles Anywhere User Guide) pairs the x509Subject condition with
 * `aws:SourceArn` = the trust anchor. Without it, any trust anchor of the
 * account whose CA issues the same CN would get the role.
 */
const ACCOUNT = '123456789012';
const anchorArn = (id: string): string => `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:trust-anchor/${id}`;
const WORKSHOP_ANCHOR = anchorArn('11111111-1111-4111-8111-111111111111');
/** A second trust anchor in the same account, for another CA, one that also issues CN=alice. */
const PARTNER_ANCHOR = anchorArn('22222222-2222-4222-8222-222222222222');

const anchor = (trustAnchorArn: string): RolesAnywhereResources => ({
  attendeeId: 'alice',
  accountId: ACCOUNT,
  trustAnchorId: trustAnchorArn.split('/')[1] ?? '',
  trustAnchorArn,
  profileId: 'p',
  profileArn: `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:profile/p`,
  roleArns: [],
  durationSeconds: 3600,
  acceptRoleSessionName: false,
  enabled: true,
});

function rolesAnywhereRole(trustPolicyOverride?: (role: Role) => Role): Role {
  const attendee = { attendeeId: 'alice', iamApiId: 'a1b2c3d4e5' } as AttendeeRecord;
  const definition = roleCatalogue({
    attendee,
    accountId: ACCOUNT,
    region: 'us-east-1',
    ciIssuer: 'http://127.0.0.1:1/oidc/x',
    rolesAnywhereTrustAnchorArn: WORKSHOP_ANCHOR,
  }).find((role) => role.name === ROLE_NAMES.rolesAnywhere);
  assert.ok(definition);
  const role: Role = {
    ...definition,
    arn: `arn:aws:iam::${ACCOUNT}:role/${definition.name}`,
    roleId: 'AROA1',
    accountId: ACCOUNT,
    attendeeId: 'alice',
  };
  return trustPolicyOverride ? trustPolicyOverride(role) : role;
}

// The same evaluation Iam.checkTrust makes: the role's trust policy against the request.
const services = {
  iam: { checkTrust: (role: Role, request: Parameters<typeof evaluateTrust>[1]) => evaluateTrust(role.trustPolicy, request) },
  now: () => 0,
};
const aliceCertificate = { tags: { 'x509Subject/CN': 'alice' }, sourceIdentity: 'CN=alice' };

describe('the Roles Anywhere role trusts one trust anchor, not every CA of the account', () => {
  it("a certificate with alice's CN through the workshop trust anchor gets the role", () => {
    assert.doesNotThrow(() => checkTrust(rolesAnywhereRole(), { ...aliceCertificate, anchor: anchor(WORKSHOP_ANCHOR) }, services));
  });

  it("the same CN issued by a second trust anchor's CA is refused: aws:SourceArn is the workshop anchor's", () => {
    assert.throws(
      () => checkTrust(rolesAnywhereRole(), { ...aliceCertificate, anchor: anchor(PARTNER_ANCHOR) }, services),
      (error: unknown) => error instanceof RolesAnywhereError && error.code === 'AccessDeniedException',
    );
  });

  it('without the aws:SourceArn condition the second CA would get in: the CN alone does not pin the CA', () => {
    const cnOnly = rolesAnywhereRole((role) => ({
      ...role,
      trustPolicy: {
        ...role.trustPolicy,
        Statement: role.trustPolicy.Statement.map(({ Condition, ...statement }) => ({
          ...statement,
          Condition: { StringEquals: Condition?.StringEquals ?? {} },
        })),
      },
    }));
    assert.doesNotThrow(() => checkTrust(cnOnly, { ...aliceCertificate, anchor: anchor(PARTNER_ANCHOR) }, services));
  });

  it("another attendee's CN through the workshop anchor is refused", () => {
    assert.throws(
      () =>
        checkTrust(
          rolesAnywhereRole(),
          { tags: { 'x509Subject/CN': 'bob' }, sourceIdentity: 'CN=bob', anchor: anchor(WORKSHOP_ANCHOR) },
          services,
        ),
      RolesAnywhereError,
    );
  });
});
