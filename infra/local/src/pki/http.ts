import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsServiceError, ServiceError } from '../errors/index.ts';
import { readBody } from '../http/io.ts';
import { authenticateSigV4, type Iam } from '../iam/index.ts';
import { sendRestError, sendRestResult } from '../protocols/rest-json.ts';
import type { PkiServices } from './action.ts';
import { PkiError } from './errors.ts';
import { PKI_ROUTES } from './routes.ts';

/** CSRs are a few KB; refuse anything much larger before parsing. */
const MAX_PKI_BODY = 64 * 1024;

/** What serving the PKI needs: what its actions use, and what authenticating a signer takes. */
export interface PkiHost extends PkiServices {
  readonly region: string;
  readonly iam: Pick<Iam, 'lookup' | 'identity'>;
}

/** What the unsupported-route error lists (GET /pki/ is the index, not listed). */
const SERVED = [...new Set(PKI_ROUTES.slice(1).map((route) => route.summary))].join(', ');

/**
 * `${baseUrl}/pki/...` (`subpath` is what follows `/pki`). The PKI is
 * Keyless's own service, not an AWS one. On AWS it would sit behind API
 * Gateway with IAM authorization, so locally it speaks the same: routes
 * that act for an attendee are SigV4-signed for `execute-api` with the
 * attendee's credentials (whatever the default chain finds: the instance
 * role, a Roles Anywhere session), and errors are API Gateway's `{"message"}`
 * bodies with `x-amzn-ErrorType` (../protocols/rest-json.ts). No secret to
 * hand out, none to leak: the instance role proves who is asking, as with
 * ACM PCA.
 */
export async function handlePkiRequest(request: IncomingMessage, response: ServerResponse, subpath: string, host: PkiHost): Promise<void> {
  const method = request.method ?? 'GET';
  try {
    const match = PKI_ROUTES.flatMap((route) => {
      const found = route.method === method ? route.path.exec(subpath) : null;
      return found ? [{ route, pathParams: found.slice(1) }] : [];
    })[0];
    if (!match)
      throw new PkiError(
        'UnsupportedOperationException',
        `The workshop PKI does not serve ${method} /pki${subpath}. It serves: ${SERVED}.`,
        404,
      );
    const { route, pathParams } = match;
    const body = route.signed ? await readBody(request, MAX_PKI_BODY) : Buffer.alloc(0);
    const attendeeId = route.signed ? await authenticate(request, body, host) : undefined;
    sendRestResult(response, await route.action({ headers: request.headers, body, pathParams, attendeeId }, host));
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    sendRestError(response, error);
  }
}

async function authenticate(request: IncomingMessage, body: Buffer, host: PkiHost): Promise<string> {
  try {
    const { session } = await authenticateSigV4(
      { method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body },
      { service: 'execute-api', region: host.region, now: host.now, iam: host.iam },
    );
    return session.attendeeId;
  } catch (error) {
    // API Gateway answers every IAM-authorization failure with 403.
    if (error instanceof AwsServiceError) throw new AwsServiceError(error.code, error.message, 403);
    throw error;
  }
}
