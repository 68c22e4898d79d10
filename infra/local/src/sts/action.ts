import type { SigV4Evidence } from '@keyless/labs/sandbox';
import type { AuthenticatedCaller, Iam } from '../iam/index.ts';
import type { SigningKeys } from '../keys/signing-keys.ts';
import type { XmlTree } from '../protocols/aws-query.ts';

/** What an action learnt about the request; it becomes the `sts-call` evidence, success or not. */
export interface StsAttempt {
  /** Whose account the call concerns (the caller's, or the owner of the role asked for). */
  attendeeId?: string;
  principal?: string;
  roleArn?: string;
  roleSessionName?: string;
  durationSeconds?: number;
  expiresAt?: number;
  /** The request's signature details, never its secret parts. */
  sigv4?: SigV4Evidence;
}

/** One STS request, parsed: its parameters and, for signed actions, who signed it. */
export interface StsRequest {
  /** The merged query-string and form parameters. */
  readonly params: URLSearchParams;
  /** The verified caller, for signed actions. */
  readonly caller: AuthenticatedCaller | undefined;
  /** Filled in as the action learns who and what the call is about. */
  readonly attempt: StsAttempt;
}

/** The part of the sandbox STS actions use. */
export interface StsServices {
  readonly iam: Iam;
  /** The CI issuers' keys, which web identity tokens are verified with. */
  readonly ciKeys: Pick<SigningKeys, 'resolve'>;
  readonly now: () => number;
  /** Where the CI issuers live (their `iss` is a URL under it). */
  readonly baseUrl: string;
}

/** An STS action: the result tree of `<ActionResult>`, or a thrown StsError. */
export interface StsAction {
  /** Unsigned actions (AssumeRoleWithWebIdentity) authenticate with their token, not SigV4. */
  readonly signed: boolean;
  run(request: StsRequest, services: StsServices): Promise<XmlTree> | XmlTree;
}
