import type { DatabaseSync } from 'node:sqlite';
import type { AttendeeRegistry } from '../attendees/index.ts';
import { visibleToCaller } from '../channels/caller.ts';
import { newSecretAccessKey, newSessionToken, newTemporaryAccessKeyId } from '../attendees/ids.ts';
import { AccountStore, type Account } from './account-store.ts';
import { arns, parseRoleArn } from './arn.ts';
import { roleCatalogue, ROLE_NAMES, type RoleDefinition } from './catalogue.ts';
import { requestContext, type RequestContext } from './conditions.ts';
import { evaluatePolicies, evaluateTrust, type Decision, type TrustDecision, type TrustPrincipal } from './evaluate.ts';
import { parsePolicy } from './policy.ts';
import { SessionStore, type RoleSession, type SessionIssuer } from './session-store.ts';

/** A role of an attendee's account, with its ARN and unique id. */
export interface Role extends RoleDefinition {
  readonly arn: string;
  readonly roleId: string;
  readonly accountId: string;
  readonly attendeeId: string;
}

export interface IssueRoleSessionInput {
  readonly attendeeId: string;
  /** Must be a role of that attendee's account. */
  readonly roleArn: string;
  /** `[\w+=,.@-]{2,64}`; becomes the last part of the assumed-role ARN. */
  readonly sessionName: string;
  /** 900–43200; callers apply their own service's limit first (STS: the role's MaxSessionDuration). */
  readonly durationSeconds: number;
  readonly sourceIdentity?: string;
  /** Session tags; they become `aws:PrincipalTag/<key>` in later policy evaluations. */
  readonly tags?: Readonly<Record<string, string>>;
  /** Inline session policy (JSON text), already validated by the caller. */
  readonly sessionPolicy?: string;
  /** Which service minted the session (kept with it, for reading the table). */
  readonly issuedBy: SessionIssuer;
}

export interface IssuedRoleSession {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
  /** The same instant as `expiration`, epoch ms. */
  readonly expiresAt: number;
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>` */
  readonly assumedRoleArn: string;
  /** `<role id>:<session>` */
  readonly assumedRoleId: string;
  readonly roleArn: string;
}

/** What GetCallerIdentity reports and policies see for a session. */
export interface CallerIdentity {
  readonly role: Role;
  readonly assumedRoleArn: string;
  readonly userId: string;
}

/** Instance-role credentials last 6 hours on EC2; we mirror that. */
export const INSTANCE_CREDENTIAL_LIFETIME_MS = 6 * 60 * 60 * 1000;
/** A new set is handed out once the newest has less than this left: well before the SDK's 5-minute refresh window. */
export const INSTANCE_CREDENTIAL_REFRESH_MS = 15 * 60 * 1000;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/**
 * The sandbox's minimal IAM: per-attendee accounts, the role catalogue, role
 * sessions and policy evaluation. Services authenticate a request (SigV4) to
 * a session here and ask `authorize` whether its role may do what it asks.
 */
export class Iam {
  readonly accounts: AccountStore;
  readonly sessions: SessionStore;
  readonly #now: () => number;
  readonly #region: string;
  readonly #attendees: AttendeeRegistry;
  readonly #ciIssuer: (oidcId: string) => string;
  readonly #trustAnchorArn: (attendeeId: string) => string;

  constructor(
    db: DatabaseSync,
    options: {
      now: () => number;
      region: string;
      attendees: AttendeeRegistry;
      ciIssuer: (oidcId: string) => string;
      /** The account's Roles Anywhere trust anchor, which its Roles Anywhere role's trust policy pins (`aws:SourceArn`). */
      trustAnchorArn: (attendeeId: string) => string;
    },
  ) {
    this.#now = options.now;
    this.#region = options.region;
    this.#attendees = options.attendees;
    this.#ciIssuer = options.ciIssuer;
    this.#trustAnchorArn = options.trustAnchorArn;
    this.accounts = new AccountStore(db, options.now);
    this.sessions = new SessionStore(db);
  }

  /** The attendee's account (created on first use). */
  account(attendeeId: string): Account {
    return this.accounts.ensure(attendeeId);
  }

  /** The attendee's roles, from the catalogue, with the ids of their account. */
  roles(attendeeId: string): readonly Role[] {
    const attendee = this.#attendees.get(attendeeId);
    if (!attendee) return [];
    const account = this.account(attendeeId);
    const catalogue = roleCatalogue({
      attendee,
      accountId: account.accountId,
      region: this.#region,
      ciIssuer: this.#ciIssuer(account.oidcId),
      rolesAnywhereTrustAnchorArn: this.#trustAnchorArn(attendeeId),
    });
    return catalogue.map((definition) => this.#role(definition, account));
  }

  role(attendeeId: string, roleName: string): Role | undefined {
    return this.roles(attendeeId).find((role) => role.name === roleName);
  }

  /** The role an ARN names, in whichever attendee's account it is; undefined if none. */
  roleByArn(roleArn: string): Role | undefined {
    const parsed = parseRoleArn(roleArn);
    const account = parsed ? this.accounts.byAccountId(parsed.accountId) : undefined;
    if (!parsed || !account) return undefined;
    const role = this.role(account.attendeeId, parsed.roleName);
    return role?.arn === roleArn ? role : undefined;
  }

  /**
   * Mints credentials for a session of one of the attendee's roles. Trust is
   * NOT evaluated here: the calling service (STS, Roles Anywhere) evaluates
   * the role's trust policy first (`checkTrust`) and applies its own duration
   * limits; this only stores and returns the session.
   */
  issueRoleSession(input: IssueRoleSessionInput): IssuedRoleSession {
    const role = this.roleByArn(input.roleArn);
    if (!role || role.attendeeId !== input.attendeeId)
      throw new RangeError(`${input.roleArn} is not a role of attendee ${input.attendeeId}.`);
    if (!SESSION_NAME.test(input.sessionName))
      throw new RangeError(`Role session name ${JSON.stringify(input.sessionName)} does not match [\\w+=,.@-]{2,64}.`);
    if (!Number.isInteger(input.durationSeconds) || input.durationSeconds < 900 || input.durationSeconds > 43_200) {
      throw new RangeError(`durationSeconds must be an integer from 900 to 43200, got ${input.durationSeconds}.`);
    }
    const now = this.#now();
    const session: RoleSession = {
      accessKeyId: newTemporaryAccessKeyId(),
      secretAccessKey: newSecretAccessKey(),
      sessionToken: newSessionToken(),
      // Whole seconds, as STS reports expiry.
      expiresAt: Math.floor(now / 1000) * 1000 + input.durationSeconds * 1000,
      attendeeId: input.attendeeId,
      roleName: role.name,
      sessionName: input.sessionName,
      sourceIdentity: input.sourceIdentity,
      tags: { ...input.tags },
      sessionPolicy: input.sessionPolicy,
      issuedBy: input.issuedBy,
      createdAt: now,
    };
    this.sessions.insert(session);
    const { assumedRoleArn, userId } = this.#names(role, session.sessionName);
    return {
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
      expiration: new Date(session.expiresAt),
      expiresAt: session.expiresAt,
      assumedRoleArn,
      assumedRoleId: userId,
      roleArn: role.arn,
    };
  }

  /** The instance role's current credentials (what IMDS serves), minted when none has comfortably long left. */
  instanceCredentials(attendeeId: string): RoleSession {
    const account = this.account(attendeeId);
    const newest = this.sessions.newest(attendeeId, ROLE_NAMES.instance, account.instanceId);
    if (newest && newest.expiresAt - this.#now() > INSTANCE_CREDENTIAL_REFRESH_MS) return newest;
    const issued = this.issueRoleSession({
      attendeeId,
      roleArn: arns.role(account.accountId, ROLE_NAMES.instance),
      sessionName: account.instanceId, // EC2 names instance-role sessions after the instance
      durationSeconds: INSTANCE_CREDENTIAL_LIFETIME_MS / 1000,
      issuedBy: 'imds',
    });
    const session = this.sessions.lookup(issued.accessKeyId);
    if (!session) throw new Error('The instance role session was not stored.');
    return session;
  }

  /**
   * A session of the client manager role for the sandbox's own control-plane
   * reads (the checker's DescribeUserPoolClient): the instance role may no
   * longer read app clients, and on AWS the checker has a role of its own.
   * Reused while it has comfortably long left, like the instance's.
   */
  controlPlaneCredentials(attendeeId: string): RoleSession {
    const account = this.account(attendeeId);
    const name = 'keyless-control-plane';
    const newest = this.sessions.newest(attendeeId, ROLE_NAMES.clientManager, name);
    if (newest && newest.expiresAt - this.#now() > INSTANCE_CREDENTIAL_REFRESH_MS) return newest;
    const issued = this.issueRoleSession({
      attendeeId,
      roleArn: arns.role(account.accountId, ROLE_NAMES.clientManager),
      sessionName: name,
      durationSeconds: 3600,
      issuedBy: 'AssumeRole',
    });
    const session = this.sessions.lookup(issued.accessKeyId);
    if (!session) throw new Error('The control-plane session was not stored.');
    return session;
  }

  lookup(accessKeyId: string): RoleSession | undefined {
    const session = this.sessions.lookup(accessKeyId);
    // Another attendee's keys are unknown keys on this Run's channel.
    return session && visibleToCaller(session.attendeeId) ? session : undefined;
  }

  /** The session's role and names; undefined if its role no longer exists (e.g. the attendee vanished). */
  identity(session: RoleSession): CallerIdentity | undefined {
    const role = this.role(session.attendeeId, session.roleName);
    return role ? { role, ...this.#names(role, session.sessionName) } : undefined;
  }

  /** The global condition keys IAM sets for a request made with a role session, plus service-specific ones. */
  context(
    session: RoleSession,
    identity: CallerIdentity,
    extra: Record<string, string | readonly string[] | undefined> = {},
  ): RequestContext {
    const now = this.#now();
    const tags = Object.fromEntries(Object.entries(session.tags).map(([key, value]) => [`aws:PrincipalTag/${key}`, value]));
    return requestContext({
      'aws:PrincipalArn': identity.role.arn,
      'aws:PrincipalAccount': identity.role.accountId,
      'aws:PrincipalType': 'AssumedRole',
      'aws:userid': identity.userId,
      'aws:SourceIdentity': session.sourceIdentity,
      'aws:TokenIssueTime': new Date(session.createdAt).toISOString(),
      'aws:CurrentTime': new Date(now).toISOString(),
      'aws:EpochTime': String(Math.floor(now / 1000)),
      'aws:RequestedRegion': this.#region,
      // The sandbox speaks plain HTTP on loopback.
      'aws:SecureTransport': 'false',
      ...tags,
      ...extra,
    });
  }

  /** May this session do `action` on `resource`? Its role's policies and, if given, its session policy must both allow. */
  authorize(
    session: RoleSession,
    identity: CallerIdentity,
    action: string,
    resource: string,
    extra: Record<string, string | readonly string[] | undefined> = {},
  ): Decision {
    const request = { action, resource, context: this.context(session, identity, extra) };
    const decision = evaluatePolicies(Object.values(identity.role.policies), request);
    if (decision !== 'allow' || session.sessionPolicy === undefined) return decision;
    return evaluatePolicies([parsePolicy(session.sessionPolicy)], request);
  }

  /** Evaluates a role's trust policy (for STS and Roles Anywhere). */
  checkTrust(role: Role, request: { principal: TrustPrincipal; actions: readonly string[]; context: RequestContext }): TrustDecision {
    return evaluateTrust(role.trustPolicy, request);
  }

  #role(definition: RoleDefinition, account: Account): Role {
    return {
      ...definition,
      arn: arns.role(account.accountId, definition.name),
      roleId: this.accounts.roleId(account.accountId, definition.name),
      accountId: account.accountId,
      attendeeId: account.attendeeId,
    };
  }

  #names(role: Role, sessionName: string): { assumedRoleArn: string; userId: string } {
    return { assumedRoleArn: arns.assumedRole(role.accountId, role.name, sessionName), userId: `${role.roleId}:${sessionName}` };
  }
}
