import type { ApiCallEvidence } from '@keyless/labs/sandbox';

/**
 * How one of the attendee's Orders APIs authorizes. Each front door is a
 * REST API of its own (own id, stage `prod`, the same `/orders` resource and
 * backend): on API Gateway a method has exactly one authorization type, so
 * four ways in means four APIs, and separate APIs keep the resource path
 * `/orders` and the execute-api ARN shape identical.
 */
export type FrontDoor = Extract<ApiCallEvidence['authType'], 'cognito-jwt' | 'sigv4' | 'api-key' | 'mtls'>;

/** One of an attendee's Orders APIs. */
export interface OrdersApi {
  /** Whose API it is: its orders, and the evidence of every call to it. */
  readonly owner: { readonly attendeeId: string };
  readonly apiId: string;
  readonly frontDoor: FrontDoor;
}

/** Who a front door decided the caller is, as evidence names them. */
export interface Caller {
  /** Client id, assumed-role ARN or certificate subject; absent for an API key, which names no one. */
  readonly principal?: string;
  /** Scopes of the presented token (Cognito). */
  readonly scopes?: readonly string[];
  /** `jti` of the presented token (Cognito): tells a reused token from a fresh one. */
  readonly tokenId?: string;
  /** What the Wire view shows of the credential presented (never a secret): the token's claims, the masked key, the signature's scope. */
  readonly wire?: Pick<ApiCallEvidence, 'token' | 'requiredScopes' | 'apiKey' | 'sigv4'>;
}

/** A front door's verdict, in API Gateway's terms: who is calling, or the gateway response to send. */
export type DoorDecision =
  | ({ readonly allow: true } & Caller)
  | ({
      readonly allow: false;
      readonly status: number;
      readonly message: string;
      /** `x-amzn-ErrorType` of the gateway response. */
      readonly errorType: string;
      /** For evidence only; never sent to the caller. */
      readonly reason: string;
    } & Caller);

/**
 * API Gateway's answer when a Lambda authorizer returns an explicit Deny
 * (AWS Knowledge Center, api-gateway-403-error-lambda-authorizer): the mTLS
 * API's revocation authorizer refuses with it.
 */
export function explicitDeny(reason: string, caller: Caller = {}): Extract<DoorDecision, { allow: false }> {
  return {
    allow: false,
    status: 403,
    message: 'User is not authorized to access this resource with an explicit deny',
    errorType: 'AccessDeniedException',
    reason,
    ...caller,
  };
}
