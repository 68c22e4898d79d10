import type { RolesAnywhereSessionEvidence } from '@keyless/labs/sandbox';
import type { IssuedRoleSession } from '../iam/index.ts';
import { rfc2253 } from '../pki/names.ts';
import { sigV4Evidence } from '../sigv4/sigv4-evidence.ts';
import { serialOf } from '../pki/serial.ts';
import type { RestResult } from '../protocols/rest-json.ts';
import { rolesAnywhereArn } from './arns.ts';
import { attributeAttempt } from './attribution.ts';
import { CertificateCache } from './certificate-cache.ts';
import { certificateTags, subjectId } from './attributes.ts';
import { RolesAnywhereError } from './errors.ts';
import type { RolesAnywhereServices } from './services.ts';
import { sessionParameters } from './session-request.ts';
import { ALGORITHMS, verifySigV4X509, type X509SignedRequest } from './sigv4-x509.ts';
import { checkCertificate, checkTrust, profileFor, roleFor, trustAnchorFor } from './trust.ts';

/** Shared by all requests of this process (pure parsing only; see certificate-cache.ts). */
const certificates = new CertificateCache();

type Detail = {
  -readonly [
    K in keyof Omit<RolesAnywhereSessionEvidence, 'id' | 'at' | 'attendeeId' | 'kind' | 'outcome' | 'error'>
  ]?: RolesAnywhereSessionEvidence[K];
};
const SOURCE_IDENTITY = /^[\w+=,.@-]{2,64}$/;

/**
 * `POST /sessions` (CreateSession): SigV4-X509 signature → parameters →
 * trust anchor → certificate chain, validity and revocation → profile →
 * role → the role's trust policy on the certificate's attributes → a role
 * session from IAM (`issueRoleSession`), whose credentials work wherever
 * SigV4 is verified. `201 {"credentialSet":[…],"subjectArn"}` (§4.3).
 * Every attempt the sandbox can attribute (to the trust anchor's owner,
 * else the certificate's) is `rolesanywhere-session` evidence; a refusal is
 * recorded, then thrown as the RolesAnywhereError it is.
 */
export async function CreateSession(request: X509SignedRequest, services: RolesAnywhereServices): Promise<RestResult> {
  const { query, body } = request;
  const detail: Detail = {};
  let attendeeId: string | undefined;
  try {
    const verified = verifySigV4X509(request, {
      region: services.region,
      now: services.now,
      parse: (base64) => certificates.parse(base64),
    });
    const { certificate, chain } = verified;
    const serialHex = serialOf(certificate);
    Object.assign(detail, {
      algorithm: verified.algorithm,
      sigv4: sigV4Evidence(request.headers),
      certificateSubject: rfc2253(certificate.subject),
      certificateSerial: serialHex,
    });

    const params = sessionParameters(query, body);
    Object.assign(detail, { trustAnchorArn: params.trustAnchorArn, profileArn: params.profileArn, roleArn: params.roleArn });
    const anchor = trustAnchorFor(params.trustAnchorArn, services);
    attendeeId = anchor.attendeeId;
    checkCertificate(certificate, chain, serialHex, services);
    const profile = profileFor(params.profileArn, anchor, services);
    const role = roleFor(params.roleArn, profile, services);
    if (params.roleSessionName !== undefined && !profile.acceptRoleSessionName)
      throw new RolesAnywhereError('AccessDeniedException', 'Not authorized to set roleSessionName.');

    const tags = certificateTags(certificate);
    const cn = tags['x509Subject/CN'];
    const sourceIdentity = cn && SOURCE_IDENTITY.test(`CN=${cn}`) ? `CN=${cn}` : undefined;
    checkTrust(role, { tags, sourceIdentity, anchor }, services);
    // The profile decides how long sessions last; a request may ask for less.
    const durationSeconds = Math.min(params.durationSeconds ?? profile.durationSeconds, profile.durationSeconds);
    // Inside the group commit: the session row shares one transaction with concurrent requests' writes.
    let issued: IssuedRoleSession | undefined;
    await services.batch.run(
      () =>
        void (issued = services.iam.issueRoleSession({
          attendeeId: profile.attendeeId,
          roleArn: role.arn,
          // Without a requested name, the session is named after the certificate's serial (hex).
          sessionName: params.roleSessionName ?? serialHex.padStart(2, '0'),
          durationSeconds,
          ...(sourceIdentity ? { sourceIdentity } : {}),
          tags,
          issuedBy: 'rolesanywhere',
        })),
    );
    if (!issued) throw new Error('issueRoleSession returned nothing');
    detail.principal = issued.assumedRoleArn;
    detail.expiresAt = issued.expiration.getTime();
    await services.evidence.record(profile.attendeeId, { kind: 'rolesanywhere-session', outcome: 'success', ...detail });
    return {
      status: 201,
      json: {
        credentialSet: [
          {
            assumedRoleUser: { arn: issued.assumedRoleArn, assumedRoleId: issued.assumedRoleId },
            credentials: {
              accessKeyId: issued.accessKeyId,
              expiration: issued.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z'),
              secretAccessKey: issued.secretAccessKey,
              sessionToken: issued.sessionToken,
            },
            packedPolicySize: packedPolicySize(tags),
            roleArn: role.arn,
            ...(sourceIdentity ? { sourceIdentity } : {}),
          },
        ],
        subjectArn: rolesAnywhereArn(services.region, anchor.accountId, 'subject', subjectId(anchor.accountId, certificate)),
      },
    };
  } catch (error) {
    const failure = error instanceof RangeError ? new RolesAnywhereError('ValidationException', error.message) : error;
    if (!(failure instanceof RolesAnywhereError)) throw failure;
    attendeeId ??= attributeAttempt(request, services);
    const claimed = request.headers.authorization?.[0]?.split(' ')[0];
    if (!detail.algorithm && claimed && claimed in ALGORITHMS) detail.algorithm = claimed;
    detail.sigv4 ??= sigV4Evidence(request.headers);
    if (attendeeId)
      await services.evidence.record(attendeeId, {
        kind: 'rolesanywhere-session',
        outcome: 'failure',
        error: `${failure.code}: ${failure.message}`,
        ...detail,
      });
    throw failure;
  }
}

/**
 * STS's PackedPolicySize: how much of the packed session-policy-and-tags
 * limit the session uses, in percent. AWS's packing is not public; the tag
 * text against the 2048-character session-tag limit is a fair stand-in.
 */
function packedPolicySize(tags: Readonly<Record<string, string>>): number {
  const size = Object.entries(tags).reduce((sum, [key, value]) => sum + key.length + value.length, 0);
  return Math.min(100, Math.ceil((size / 2048) * 100));
}
