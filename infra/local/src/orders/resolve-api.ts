import type { AttendeeRecord, AttendeeRegistry } from '../attendees/index.ts';
import type { OrdersApi } from './rules/index.ts';

/** One of an attendee's Orders APIs on the emulator's port (the mTLS one has its own: ../mtls). */
export interface LocalOrdersApi extends OrdersApi {
  readonly owner: AttendeeRecord;
  readonly frontDoor: 'cognito-jwt' | 'sigv4' | 'api-key';
}

/** Which attendee's API an id names, and its front door; undefined for an unknown id (API Gateway's 403 Forbidden). */
export function resolveOrdersApi(
  attendees: Pick<AttendeeRegistry, 'byApiId' | 'byIamApiId' | 'byKeyApiId'>,
  apiId: string,
): LocalOrdersApi | undefined {
  let owner = attendees.byApiId(apiId);
  if (owner) return { owner, apiId, frontDoor: 'cognito-jwt' };
  owner = attendees.byIamApiId(apiId);
  if (owner) return { owner, apiId, frontDoor: 'sigv4' };
  owner = attendees.byKeyApiId(apiId);
  return owner ? { owner, apiId, frontDoor: 'api-key' } : undefined;
}
