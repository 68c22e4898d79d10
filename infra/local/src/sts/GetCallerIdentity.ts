import type { StsAction } from './action.ts';
import { requireCaller } from './caller.ts';

/** Who signed the request. Needs no IAM permission (an explicit Deny cannot block it either), as on AWS. */
export const GetCallerIdentity: StsAction = {
  signed: true,
  run: (request) => {
    const { identity } = requireCaller(request);
    return { Arn: identity.assumedRoleArn, UserId: identity.userId, Account: identity.role.accountId };
  },
};
