import type { CallerIdentity, RoleSession } from '../iam/index.ts';
import type { SandboxState } from '../state.ts';
import type { XmlTree } from './xml.ts';

/** What an action learnt about the request; it becomes the `sts-call` evidence, success or not. */
export interface StsAttempt {
  /** Whose account the call concerns (the caller's, or the owner of the role asked for). */
  attendeeId?: string;
  principal?: string;
  roleArn?: string;
  roleSessionName?: string;
  durationSeconds?: number;
  expiresAt?: number;
}

export interface StsActionContext {
  readonly state: SandboxState;
  /** The merged query-string and form parameters. */
  readonly params: URLSearchParams;
  /** The verified caller, for signed actions. */
  readonly caller: { readonly session: RoleSession; readonly identity: CallerIdentity } | undefined;
  readonly attempt: StsAttempt;
}

export interface StsAction {
  /** Unsigned actions (AssumeRoleWithWebIdentity) authenticate with their token, not SigV4. */
  readonly signed: boolean;
  run(context: StsActionContext): Promise<XmlTree> | XmlTree;
}
