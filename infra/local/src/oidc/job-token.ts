import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SigningKeys } from '../keys/signing-keys.ts';

/** ID tokens of the simulated CI live five minutes: enough for one STS exchange, useless if leaked later. */
export const ID_TOKEN_LIFETIME_SECONDS = 300;
export const DEFAULT_REPOSITORY = 'keyless/orders';

/** The CI job a token is minted for; each field defaults to a push to main of keyless/orders. */
export interface JobContext {
  readonly repository: string;
  /** `refs/heads/<branch>` or `refs/tags/<tag>`. */
  readonly ref: string;
  /** When set, the job runs in this deployment environment and `sub` names it instead of the ref (GitHub's rule). */
  readonly environment: string | undefined;
  readonly eventName: string;
  readonly workflow: string;
}

const NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const REF = /^refs\/(heads|tags|pull)\/[\w./-]+$/;

/** Reads the job context from query parameters, or explains what is wrong. */
export function jobContext(query: URLSearchParams): JobContext | string {
  const repository = query.get('repository') ?? DEFAULT_REPOSITORY;
  const ref = query.get('ref') ?? 'refs/heads/main';
  const environment = query.get('environment') ?? undefined;
  if (!NAME.test(repository)) return 'repository must look like owner/name';
  if (!REF.test(ref)) return 'ref must look like refs/heads/<branch> or refs/tags/<tag>';
  if (environment !== undefined && !/^[\w.-]{1,255}$/.test(environment)) return 'environment must be a plain name';
  return { repository, ref, environment, eventName: query.get('event_name') ?? 'push', workflow: query.get('workflow') ?? 'deploy' };
}

/** `repo:<owner>/<repo>:environment:<env>` when the job has an environment, else `repo:<owner>/<repo>:ref:<ref>` (GitHub's default subject). */
export function subjectOf(job: JobContext): string {
  return job.environment ? `repo:${job.repository}:environment:${job.environment}` : `repo:${job.repository}:ref:${job.ref}`;
}

/**
 * Mints an ID token with GitHub Actions' claim set (docs.github.com, "OIDC
 * token claims"): standard `iss`/`sub`/`aud`/`exp`/`iat`/`nbf`/`jti` plus the
 * job's repository, ref and workflow claims, header `{typ, alg, kid}`.
 */
export async function mintIdToken(options: {
  issuer: string;
  audience: string;
  job: JobContext;
  keys: SigningKeys;
  now: number;
}): Promise<string> {
  const { job } = options;
  const owner = job.repository.split('/')[0] ?? '';
  const iat = Math.floor(options.now / 1000);
  const claims = {
    jti: randomUUID(),
    sub: subjectOf(job),
    aud: options.audience,
    ref: job.ref,
    sha: randomBytes(20).toString('hex'),
    repository: job.repository,
    repository_owner: owner,
    actor: 'keyless-ci',
    workflow: job.workflow,
    event_name: job.eventName,
    ref_type: job.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    ...(job.environment ? { environment: job.environment } : {}),
    job_workflow_ref: `${job.repository}/.github/workflows/${job.workflow}.yml@${job.ref}`,
    runner_environment: 'github-hosted',
    iss: options.issuer,
    nbf: iat - 5,
    exp: iat + ID_TOKEN_LIFETIME_SECONDS,
    iat,
  };
  const { kid, key } = options.keys.signingKey();
  return new SignJWT(claims).setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid }).sign(key);
}
