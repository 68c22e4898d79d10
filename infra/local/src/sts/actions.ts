import type { StsAction } from './action.ts';
import { AssumeRole } from './AssumeRole.ts';
import { AssumeRoleWithWebIdentity } from './AssumeRoleWithWebIdentity.ts';
import { GetCallerIdentity } from './GetCallerIdentity.ts';

/** The STS actions the sandbox emulates; the rest answer a named "unsupported" error. */
export const STS_ACTIONS: Readonly<Record<string, StsAction>> = {
  GetCallerIdentity,
  AssumeRole,
  AssumeRoleWithWebIdentity,
};
