/**
 * The Wire view's model: what one Run's requests looked like to the sandbox,
 * decoded for a person. Built on the server from evidence (which never held a
 * secret) and sent to the browser as JSON; the client only renders it.
 */

/** Which lesson an entry teaches, i.e. which decoder built it. */
export type WireMechanism = 'api-key' | 'oauth-token' | 'bearer' | 'sigv4' | 'imds' | 'mtls' | 'roles-anywhere' | 'other';

/** One decoded fact about a request, with the one line that says why it matters. */
export interface WireField {
  readonly label: string;
  readonly value: string;
  readonly explain: string;
  /** Epoch ms the value counts down to (a token's `exp`): the page shows the time left. */
  readonly countdownTo?: number;
}

/** A preformatted block (a canonical request, a token's claims); blocks of one entry sit side by side. */
export interface WireBlock {
  readonly title: string;
  readonly text: string;
  readonly explain: string;
}

/** One request the sandbox received. */
export interface WireEntry {
  /** Evidence id: entries are in the order the sandbox saw them. */
  readonly id: number;
  /** Epoch ms. */
  readonly at: number;
  readonly mechanism: WireMechanism;
  /** The service that received it, e.g. `STS`, `Orders API`. */
  readonly service: string;
  /** Action, or method and path, e.g. `AssumeRole`, `GET /orders`. */
  readonly request: string;
  /** The front door or endpoint it came through, e.g. `IAM (SigV4) door`. */
  readonly door: string;
  /** HTTP status, or the outcome where the service has no single status. */
  readonly status: string;
  readonly ok: boolean;
  /** Who the sandbox decided the caller was: client id, role session ARN, certificate subject, API key id. */
  readonly caller?: string;
  /** The error the sandbox answered with, as the service names it. */
  readonly error?: string;
  /** One line: what this request was, in the lesson's words. */
  readonly summary: string;
  readonly fields: readonly WireField[];
  readonly blocks: readonly WireBlock[];
}

/** One Run's requests, in order. */
export interface WireRun {
  readonly runId: string;
  readonly labId: string | undefined;
  readonly entries: readonly WireEntry[];
}

/** What the Wire API answers: the Run asked for (or the lab's last Run), if the sandbox saw any request of it. */
export interface WireResponse {
  readonly run: WireRun | undefined;
}
