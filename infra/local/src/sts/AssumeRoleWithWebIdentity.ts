import { decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import { arns, CI_AUDIENCE, issuerHostPath, requestContext } from '../iam/index.ts';
import { urls } from '../urls.ts';
import type { StsAction } from './action.ts';
import { accessDenied, constraintError, StsError, validationError } from './errors.ts';
import {
  durationParam,
  packedPolicySize,
  policyParam,
  rejectUnsupported,
  requiredParam,
  roleArnParam,
  sessionNameParam,
} from './params.ts';
import { isoSeconds } from './iso-seconds.ts';

const invalidToken = (message: string): StsError => new StsError('InvalidIdentityToken', message);

/**
 * AssumeRoleWithWebIdentity (unsigned: the token is the credential). The
 * token's issuer must be an OIDC provider of the role's account (each
 * attendee account has one: its simulated CI issuer, client id
 * `sts.amazonaws.com`); the token is verified against that issuer's keys
 * (RS256, `iss`, `aud` in the provider's client ids, `exp`/`nbf` on the
 * sandbox clock), then the role's trust policy is evaluated with the
 * `<issuer>:sub` and `<issuer>:aud` condition keys.
 */
export const AssumeRoleWithWebIdentity: StsAction = {
  signed: false,
  run: async ({ params, attempt }, { iam, ciKeys, now, baseUrl }) => {
    rejectUnsupported(params, 'AssumeRoleWithWebIdentity', ['PolicyArns', 'ProviderId']);
    const roleArn = roleArnParam(params);
    attempt.roleArn = roleArn;
    const sessionName = sessionNameParam(params);
    attempt.roleSessionName = sessionName;
    const token = requiredParam(params, 'WebIdentityToken');
    if (token.length < 4 || token.length > 20_000)
      throw constraintError('webIdentityToken', undefined, 'Member must have length between 4 and 20000');
    const duration = durationParam(params);
    attempt.durationSeconds = duration;
    const policy = policyParam(params);

    const role = iam.roleByArn(roleArn);
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw invalidToken('The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)');
    }
    if (!role) throw accessDenied('Not authorized to perform sts:AssumeRoleWithWebIdentity');
    attempt.attendeeId = role.attendeeId;
    if (typeof unverified.sub === 'string') attempt.principal = unverified.sub;

    const account = iam.account(role.attendeeId);
    const issuer = urls.ciIssuer(baseUrl, account.oidcId);
    if (unverified.iss !== issuer) throw invalidToken(`No OpenIDConnect provider found in your account for ${String(unverified.iss)}`);
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, ciKeys.resolve, {
        issuer,
        algorithms: ['RS256'],
        currentDate: new Date(now()),
        requiredClaims: ['sub', 'aud', 'exp', 'iat'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw new StsError(
          'ExpiredTokenException',
          `Token expired: current date/time ${Math.floor(now() / 1000)} must be before the expiration date/time ${String(unverified.exp)}`,
        );
      }
      throw invalidToken(
        'The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.',
      );
    }
    const audiences = typeof claims.aud === 'string' ? [claims.aud] : (claims.aud ?? []);
    const audience = audiences.find((aud) => aud === CI_AUDIENCE);
    if (!audience) throw invalidToken('Incorrect token audience');
    const subject = String(claims.sub);

    const provider = issuerHostPath(issuer);
    const trust = iam.checkTrust(role, {
      principal: { type: 'Federated', provider: arns.oidcProvider(role.accountId, provider) },
      actions: ['sts:AssumeRoleWithWebIdentity'],
      context: requestContext({
        [`${provider}:sub`]: subject,
        [`${provider}:aud`]: audience,
        'aws:FederatedProvider': arns.oidcProvider(role.accountId, provider),
        'sts:RoleSessionName': sessionName,
        'aws:CurrentTime': new Date(now()).toISOString(),
      }),
    });
    if (!trust.allowed) throw accessDenied('Not authorized to perform sts:AssumeRoleWithWebIdentity');
    if (duration > role.maxSessionDuration)
      throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');

    const issued = iam.issueRoleSession({
      attendeeId: role.attendeeId,
      roleArn: role.arn,
      sessionName,
      durationSeconds: duration,
      ...(policy ? { sessionPolicy: policy } : {}),
      issuedBy: 'AssumeRoleWithWebIdentity',
    });
    attempt.expiresAt = issued.expiresAt;
    return {
      Credentials: {
        AccessKeyId: issued.accessKeyId,
        SecretAccessKey: issued.secretAccessKey,
        SessionToken: issued.sessionToken,
        Expiration: isoSeconds(issued.expiresAt),
      },
      SubjectFromWebIdentityToken: subject,
      AssumedRoleUser: { Arn: issued.assumedRoleArn, AssumedRoleId: issued.assumedRoleId },
      PackedPolicySize: packedPolicySize(policy, {}),
      Provider: issuer,
      Audience: audience,
    };
  },
};
