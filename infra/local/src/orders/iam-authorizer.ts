import { AwsServiceError } from '../errors/index.ts';
import { arns, authenticateSigV4, notAuthorizedMessage, type Iam } from '../iam/index.ts';
import { sigV4Evidence, type SignedRequest } from '../sigv4/index.ts';
import type { DoorDecision, OrdersApi } from './rules/index.ts';

/**
 * API Gateway refuses a SigV4 request signed more than 5 minutes before (or
 * after) it arrives: `Signature expired: <date> is now earlier than <date>
 * (<now> - 5 min.)`, as its 403s read (e.g. mhart/aws4#118); the IAM User
 * Guide's "Signing AWS API requests" gives five minutes for replay protection.
 */
export const API_GATEWAY_SIGNATURE_WINDOW_MS = 5 * 60 * 1000;
/** What emulating API Gateway's IAM authorization takes: the sandbox's IAM, on its clock and region. */
export interface IamDoorServices {
  readonly region: string;
  readonly now: () => number;
  readonly iam: Pick<Iam, 'lookup' | 'identity' | 'account' | 'authorize'>;
}

/**
 * A method with `authorizationType: AWS_IAM`: the request must be SigV4-signed
 * for service `execute-api`, and the signer's role session must be allowed
 * `execute-api:Invoke` on the method's ARN
 * (`arn:aws:execute-api:<region>:<owner account>:<apiId>/prod/<METHOD>/orders`)
 * by its identity (and session) policies. Every failure is a 403 whose body
 * is API Gateway's message for it; the deny names the caller and the resource.
 * On AWS, API Gateway itself does all of this before the API's code runs.
 */
export async function authorizeSigV4(
  request: SignedRequest,
  api: OrdersApi,
  resourcePath: string,
  services: IamDoorServices,
): Promise<DoorDecision> {
  let caller;
  try {
    caller = await authenticateSigV4(request, {
      service: 'execute-api',
      region: services.region,
      now: services.now,
      iam: services.iam,
      maxSkewMs: API_GATEWAY_SIGNATURE_WINDOW_MS,
    });
  } catch (error) {
    if (!(error instanceof AwsServiceError)) throw error;
    const message = error.code === 'MissingAuthenticationTokenException' ? 'Missing Authentication Token' : error.message;
    return { allow: false, status: 403, message, errorType: error.code, reason: message, ...signature(request, error) };
  }
  const { session, identity } = caller;
  const owner = services.iam.account(api.owner.attendeeId);
  const resource = arns.executeApi(services.region, owner.accountId, api.apiId, 'prod', request.method, resourcePath);
  const decision = services.iam.authorize(session, identity, 'execute-api:Invoke', resource);
  if (decision !== 'allow') {
    return {
      allow: false,
      status: 403,
      message: notAuthorizedMessage(
        { principal: identity.assumedRoleArn, action: 'execute-api:Invoke', resource, decision },
        'explicit-deny',
      ),
      errorType: 'AccessDeniedException',
      reason:
        decision === 'explicit-deny'
          ? 'explicit deny in an identity or session policy'
          : 'no identity-based policy allows execute-api:Invoke',
      principal: identity.assumedRoleArn,
      ...signature(request),
    };
  }
  return { allow: true, principal: identity.assumedRoleArn, ...signature(request) };
}

/** The signature's non-secret details for evidence (with what the sandbox signed, on a mismatch). */
function signature(request: SignedRequest, error?: unknown): Pick<DoorDecision, 'wire'> {
  const sigv4 = sigV4Evidence(request.headers, error);
  return sigv4 ? { wire: { sigv4 } } : {};
}
