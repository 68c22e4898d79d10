import type { ApiCallEvidence } from '@keyless/labs/sandbox';
import type { AttendeeRecord } from '../attendees/index.ts';
import type { SandboxState } from '../state.ts';

/**
 * How one of the attendee's Orders APIs authorizes. Each front door is a
 * REST API of its own (own id, stage `prod`, the same `/orders` resource and
 * backend): on API Gateway a method has exactly one authorization type, so
 * three ways in means three APIs (or three resources), and separate APIs keep
 * the resource path `/orders` and the execute-api ARN shape identical.
 */
export type FrontDoor = Extract<ApiCallEvidence['authType'], 'cognito-jwt' | 'sigv4' | 'api-key'>;

export interface OrdersApi {
  readonly owner: AttendeeRecord;
  readonly apiId: string;
  readonly frontDoor: FrontDoor;
}

/** Which attendee's API an id names, and its front door; undefined for an unknown id. */
export function resolveOrdersApi(state: SandboxState, apiId: string): OrdersApi | undefined {
  let owner = state.attendees.byApiId(apiId);
  if (owner) return { owner, apiId, frontDoor: 'cognito-jwt' };
  owner = state.attendees.byIamApiId(apiId);
  if (owner) return { owner, apiId, frontDoor: 'sigv4' };
  owner = state.attendees.byKeyApiId(apiId);
  return owner ? { owner, apiId, frontDoor: 'api-key' } : undefined;
}

/** A front door's verdict, in API Gateway's terms: who is calling, or the gateway response to send. */
export type DoorDecision =
  | { readonly allow: true; readonly principal?: string; readonly scopes?: readonly string[] }
  | {
      readonly allow: false;
      readonly status: number;
      readonly message: string;
      /** `x-amzn-ErrorType` of the gateway response. */
      readonly errorType: string;
      /** For evidence only; never sent to the caller. */
      readonly reason: string;
      readonly principal?: string;
      readonly scopes?: readonly string[];
    };
