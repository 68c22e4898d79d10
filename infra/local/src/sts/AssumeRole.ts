import { notAuthorizedMessage } from '../iam/index.ts';
import type { StsAction } from './action.ts';
import { requireCaller } from './caller.ts';
import { accessDenied, validationError } from './errors.ts';
import {
  durationParam,
  packedPolicySize,
  policyParam,
  rejectUnsupported,
  roleArnParam,
  sessionNameParam,
  sourceIdentityParam,
  tagsParam,
} from './params.ts';
import { isoSeconds } from './iso-seconds.ts';

/** Role chaining (a role session assuming a role) caps sessions at one hour. */
const ROLE_CHAINING_MAX_SECONDS = 3600;

/**
 * AssumeRole for a role session caller: the request is validated, then the
 * role's trust policy and the caller's identity policy are evaluated (see
 * ../iam/README.md for when each is needed), then the duration is checked
 * against the role's MaxSessionDuration and the role-chaining limit.
 * A role that does not exist is AccessDenied, like one that does not trust the
 * caller, so callers cannot probe for roles of other accounts.
 */
export const AssumeRole: StsAction = {
  signed: true,
  run: (request, { iam }) => {
    const { params, attempt } = request;
    const { session, identity } = requireCaller(request);
    attempt.principal = identity.assumedRoleArn;
    rejectUnsupported(params, 'AssumeRole', ['PolicyArns', 'TransitiveTagKeys', 'SerialNumber', 'TokenCode', 'ProvidedContexts']);
    const roleArn = roleArnParam(params);
    attempt.roleArn = roleArn;
    const sessionName = sessionNameParam(params);
    attempt.roleSessionName = sessionName;
    const duration = durationParam(params);
    attempt.durationSeconds = duration;
    const policy = policyParam(params);
    const tags = tagsParam(params);
    const requested = sourceIdentityParam(params);
    // A source identity, once set, follows the session through every chained role.
    if (session.sourceIdentity && requested && requested !== session.sourceIdentity) {
      throw accessDenied(
        `User: ${identity.assumedRoleArn} is not authorized to change the source identity ${session.sourceIdentity} of its session.`,
      );
    }
    const sourceIdentity = session.sourceIdentity ?? requested;

    const denied = accessDenied(
      notAuthorizedMessage(
        { principal: identity.assumedRoleArn, action: 'sts:AssumeRole', resource: roleArn, decision: 'implicit-deny' },
        'none',
      ),
    );
    const role = iam.roleByArn(roleArn);
    if (!role) throw denied;
    const extra = {
      'sts:RoleSessionName': sessionName,
      'sts:ExternalId': params.get('ExternalId') ?? undefined,
      'sts:SourceIdentity': sourceIdentity,
      'aws:TagKeys': Object.keys(tags).length > 0 ? Object.keys(tags) : undefined,
      ...Object.fromEntries(Object.entries(tags).map(([key, value]) => [`aws:RequestTag/${key}`, value])),
    };
    const actions = [
      'sts:AssumeRole',
      ...(Object.keys(tags).length > 0 ? ['sts:TagSession'] : []),
      ...(requested ? ['sts:SetSourceIdentity'] : []),
    ];
    const trust = iam.checkTrust(role, {
      principal: { type: 'AWS', arns: [identity.role.arn, identity.assumedRoleArn], accountId: identity.role.accountId },
      actions,
      context: iam.context(session, identity, extra),
    });
    if (!trust.allowed) throw denied;
    const identityDecision = iam.authorize(session, identity, 'sts:AssumeRole', role.arn, extra);
    const sameAccount = role.accountId === identity.role.accountId;
    if (identityDecision === 'explicit-deny' || (identityDecision !== 'allow' && !(sameAccount && trust.namesCallerExplicitly)))
      throw denied;

    if (duration > role.maxSessionDuration)
      throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    if (duration > ROLE_CHAINING_MAX_SECONDS)
      throw validationError('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');

    const issued = iam.issueRoleSession({
      attendeeId: role.attendeeId,
      roleArn: role.arn,
      sessionName,
      durationSeconds: duration,
      ...(sourceIdentity ? { sourceIdentity } : {}),
      tags,
      ...(policy ? { sessionPolicy: policy } : {}),
      issuedBy: 'AssumeRole',
    });
    attempt.expiresAt = issued.expiresAt;
    return {
      ...(sourceIdentity ? { SourceIdentity: sourceIdentity } : {}),
      AssumedRoleUser: { Arn: issued.assumedRoleArn, AssumedRoleId: issued.assumedRoleId },
      Credentials: {
        AccessKeyId: issued.accessKeyId,
        SecretAccessKey: issued.secretAccessKey,
        SessionToken: issued.sessionToken,
        Expiration: isoSeconds(issued.expiresAt),
      },
      PackedPolicySize: packedPolicySize(policy, tags),
    };
  },
};
