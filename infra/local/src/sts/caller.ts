import type { StsActionContext } from './action.ts';
import { StsError } from './errors.ts';

/** The verified caller of a signed action (the protocol handler verified SigV4 before dispatching). */
export function requireCaller(context: StsActionContext): NonNullable<StsActionContext['caller']> {
  if (!context.caller) throw new StsError('InternalFailure', 'Signed action dispatched without a verified caller.', 500);
  return context.caller;
}
