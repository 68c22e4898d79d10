/**
 * Paths on an attendee's instance that the attendee stack's user data creates
 * and the AWS Sandbox reads through SSM Run Command.
 */

/**
 * The IMDS recorder's log: one JSON object per line, one line per request the
 * runner user sent to 169.254.169.254 (`{ at, method, path, status, sessionToken, tokenTtlSeconds? }`:
 * `at` epoch ms, `sessionToken` true when the request carried an IMDSv2 token IMDS accepted — the
 * `imds-request` evidence's fields; `tokenTtlSeconds` on PUT /latest/api/token).
 * Root-owned and not writable by the runner user, so attendee code cannot forge it.
 */
export const IMDS_RECORDER_LOG_PATH = '/var/log/keyless/imds.jsonl';

/** Where the user data installs the lab template (its node_modules); Runs execute in a fresh directory beside it. */
export const LAB_TEMPLATE_DIR = '/opt/keyless/template';

/** The unprivileged user attendee code runs as. */
export const RUNNER_USER = 'keyless-run';
