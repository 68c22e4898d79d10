import type { IncomingMessage } from 'node:http';
import { AwsServiceError } from '../errors/index.ts';
import { arns, authenticateSigV4, notAuthorizedMessage } from '../iam/index.ts';
import type { SandboxState } from '../state.ts';
import type { DoorDecision, OrdersApi } from './front-door.ts';

/**
 * A method with `authorizationType: AWS_IAM`: the request must be SigV4-signed
 * for service `execute-api`, and the signer's role session must be allowed
 * `execute-api:Invoke` on the method's ARN
 * (`arn:aws:execute-api:<region>:<owner account>:<apiId>/prod/<METHOD>/orders`)
 * by its identity (and session) policies. Every failure is a 403 whose body
 * is API Gateway's message for it; the deny names the caller and the resource.
 */
export async function authorizeSigV4(request: IncomingMessage, body: Buffer, api: OrdersApi, resourcePath: string, state: SandboxState): Promise<DoorDecision> {
  let caller;
  try {
    caller = await authenticateSigV4({ method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body }, { service: 'execute-api', region: state.region, now: state.now, iam: state.iam });
  } catch (error) {
    if (!(error instanceof AwsServiceError)) throw error;
    const message = error.code === 'MissingAuthenticationTokenException' ? 'Missing Authentication Token' : error.message;
    return { allow: false, status: 403, message, errorType: error.code, reason: message };
  }
  const { session, identity } = caller;
  const owner = state.iam.account(api.owner.attendeeId);
  const resource = arns.executeApi(state.region, owner.accountId, api.apiId, 'prod', request.method ?? 'GET', resourcePath);
  const decision = state.iam.authorize(session, identity, 'execute-api:Invoke', resource);
  if (decision !== 'allow') {
    return {
      allow: false,
      status: 403,
      message: notAuthorizedMessage({ principal: identity.assumedRoleArn, action: 'execute-api:Invoke', resource, decision }, 'explicit-deny'),
      errorType: 'AccessDeniedException',
      reason: decision === 'explicit-deny' ? 'explicit deny in an identity or session policy' : 'no identity-based policy allows execute-api:Invoke',
      principal: identity.assumedRoleArn,
    };
  }
  return { allow: true, principal: identity.assumedRoleArn };
}
