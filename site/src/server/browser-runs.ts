import { stepPlacement, type Lab, type SandboxNeed } from '@keyless/labs';
import { outputsToEnv, type SandboxOutputs } from '@keyless/labs/sandbox';

/** Temporary credentials as the emulator mints them (expiry in epoch ms). */
export interface ShortLivedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiresAt: number;
}

/** What a Run in the attendee's browser (a WebContainer) is given: its environment, valid until `expiresAt`. */
export interface BrowserRunSession {
  readonly env: Readonly<Record<string, string>>;
  readonly expiresAt: number;
}

/** The sandbox side of browser Runs (local mode); absent where the browser cannot reach the sandbox. */
export interface BrowserRuns {
  /** The site's origins, once it listens: the emulator answers CORS for these only. */
  allowOrigins(origins: readonly string[]): void;
  session(attendeeId: string, lab: Lab): Promise<BrowserRunSession>;
}

/** How long the environment of a browser Run may be used when it carries no credentials. */
const NO_CREDENTIALS_TTL_MS = 15 * 60 * 1000;

/** Needs whose calls are SigV4-signed: only labs with one get AWS credentials in the browser. */
const SIGNED_NEEDS: ReadonlySet<SandboxNeed> = new Set<SandboxNeed>(['cognito', 'sts']);

/** Whether any step of the lab may Run in the browser (`runner` resolved by stepPlacement). */
export function labUsesBrowser(lab: Lab): boolean {
  return lab.steps.some((step) => stepPlacement(lab.definition, step.frontmatter) === 'browser');
}

/**
 * The environment of a browser Run: the sandbox outputs the instance Run gets,
 * minus what a browser cannot use or must not hold. No IMDS endpoint (there is
 * none in a browser); instead, for labs that sign AWS calls, a 15-minute
 * session of the attendee's instance role in the SDK's standard variables.
 * Secrets of other labs stay out: the Orders API key only for the API-key
 * lab, the CI token-request token only for a lab that needs the CI issuer.
 */
export function browserRunEnv(
  outputs: SandboxOutputs,
  lab: Lab,
  credentials: ShortLivedCredentials | undefined,
  now: number,
): BrowserRunSession {
  const env = outputsToEnv(outputs);
  delete env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
  if (lab.definition.mechanism !== 'api-key') delete env.ORDERS_API_KEY;
  if (!lab.definition.needs.includes('ci-oidc')) delete env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  const signs = lab.definition.needs.some((need) => SIGNED_NEEDS.has(need));
  if (!signs || !credentials) return { env, expiresAt: now + NO_CREDENTIALS_TTL_MS };
  return {
    env: {
      ...env,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: credentials.sessionToken,
      AWS_CREDENTIAL_EXPIRATION: new Date(credentials.expiresAt).toISOString(),
    },
    expiresAt: credentials.expiresAt,
  };
}

/**
 * A minted session is handed out again while this much of it is left: a
 * browser Run lasts seconds, and minting one per press let an attendee grow
 * the emulator's session table without bound by pressing Run in a loop.
 */
const REUSE_WHILE_LEFT_MS = 5 * 60 * 1000;

/** Browser Runs over local mode's emulator. */
export function localBrowserRuns(
  aws: {
    outputs(attendeeId: string): Promise<SandboxOutputs>;
    browserRunCredentials(attendeeId: string): Promise<ShortLivedCredentials>;
    allowCorsOrigins(origins: readonly string[]): void;
  },
  now: () => number = Date.now,
): BrowserRuns {
  // One live session per attendee (the instance role is the same for every lab), so this holds at most one entry per attendee.
  const minted = new Map<string, Promise<ShortLivedCredentials>>();
  const credentialsFor = async (attendeeId: string): Promise<ShortLivedCredentials> => {
    const cached = minted.get(attendeeId);
    if (cached) {
      const credentials = await cached.catch(() => undefined);
      if (credentials && credentials.expiresAt - now() >= REUSE_WHILE_LEFT_MS) return credentials;
      if (minted.get(attendeeId) === cached) minted.delete(attendeeId);
    }
    // Two presses at once share one mint.
    const pending = minted.get(attendeeId) ?? aws.browserRunCredentials(attendeeId);
    minted.set(attendeeId, pending);
    pending.catch(() => {
      if (minted.get(attendeeId) === pending) minted.delete(attendeeId);
    });
    return pending;
  };
  return {
    allowOrigins: (origins) => aws.allowCorsOrigins(origins),
    async session(attendeeId, lab) {
      const outputs = await aws.outputs(attendeeId);
      const signs = lab.definition.needs.some((need) => SIGNED_NEEDS.has(need));
      return browserRunEnv(outputs, lab, signs ? await credentialsFor(attendeeId) : undefined, now());
    },
  };
}
