import { AwsServiceError } from '../errors/index.ts';
import { verifySigV4, type SignedRequest } from '../sigv4/index.ts';
import type { CallerIdentity, Iam } from './iam.ts';
import type { RoleSession } from './session-store.ts';

/** Who signed a request: the role session its access key belongs to, and that session's role and names. */
export interface AuthenticatedCaller {
  readonly session: RoleSession;
  readonly identity: CallerIdentity;
}

export interface AuthenticateOptions {
  /** The service the credential scope must name: `sts`, `cognito-idp`, `execute-api`. */
  readonly service: string;
  readonly region: string;
  readonly now: () => number;
  readonly iam: Pick<Iam, 'lookup' | 'identity'>;
  /** The service's signature-age window (verify-sigv4.ts); API Gateway's is 5 minutes, most others' 15. */
  readonly maxSkewMs?: number;
}

/**
 * The first step of every IAM-authorized service: the SigV4 signature
 * (verify-sigv4.ts), then the role session its access key names (another
 * attendee's keys are unknown on a Run's channel), then that session's
 * identity. Authorization (`iam.authorize`) is the service's next step.
 * Failures are AwsServiceErrors with the JSON services' names
 * (`InvalidSignatureException`, `UnrecognizedClientException`, …); a
 * service that answers them differently (STS's own codes, API Gateway's
 * 403s) renames them.
 */
export async function authenticateSigV4(request: SignedRequest, options: AuthenticateOptions): Promise<AuthenticatedCaller> {
  const { iam } = options;
  const session = await verifySigV4(request, {
    service: options.service,
    region: options.region,
    now: options.now,
    lookup: (accessKeyId) => iam.lookup(accessKeyId),
    ...(options.maxSkewMs === undefined ? {} : { maxSkewMs: options.maxSkewMs }),
  });
  const identity = iam.identity(session);
  // The role is gone (its attendee was removed): the key no longer names anyone.
  if (!identity) throw new AwsServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  return { session, identity };
}
