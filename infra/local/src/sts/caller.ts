import type { AuthenticatedCaller } from '../iam/index.ts';
import type { StsRequest } from './action.ts';
import { StsError } from './errors.ts';

/** The verified caller of a signed action (the protocol handler verified SigV4 before dispatching). */
export function requireCaller(request: StsRequest): AuthenticatedCaller {
  if (!request.caller) throw new StsError('InternalFailure', 'Signed action dispatched without a verified caller.', 500);
  return request.caller;
}
