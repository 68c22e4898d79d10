import type { ServerResponse } from 'node:http';
import type { ServiceError } from '../errors/index.ts';
import { sendJson } from '../http/io.ts';

type Headers = Readonly<Record<string, string>>;

/**
 * What a REST-JSON action answers (API Gateway, Roles Anywhere's restJson1,
 * and Keyless's own services shaped like them): a status with a JSON body,
 * bytes of another type (a PEM, a DER CRL), or no body at all.
 */
export type RestResult = { readonly status: number; readonly headers?: Headers } & (
  { readonly json: unknown } | { readonly bytes: string | Uint8Array; readonly contentType: string } | { readonly noBody: true }
);

/** Writes a result with an explicit length (keeps keep-alive cheap: no chunked encoding). */
export function sendRestResult(response: ServerResponse, result: RestResult): void {
  if ('json' in result) {
    sendJson(response, result.status, result.json, { ...result.headers });
    return;
  }
  if ('bytes' in result) {
    const length = typeof result.bytes === 'string' ? Buffer.byteLength(result.bytes) : result.bytes.length;
    response
      .writeHead(result.status, { 'content-type': result.contentType, 'content-length': length, ...result.headers })
      .end(result.bytes);
    return;
  }
  response.writeHead(result.status, { ...result.headers }).end();
}

/**
 * The error shape REST-JSON clients read: the status, `x-amzn-ErrorType:
 * <code>` and `{"message": …}`. The SDKs and the Roles Anywhere credential
 * helper take the code from the header first (then the body's
 * `code`/`__type`) and print `<code>: <message>`.
 */
export function sendRestError(response: ServerResponse, error: ServiceError, headers: Headers = {}): void {
  sendJson(response, error.status, { message: error.message }, { ...headers, 'x-amzn-errortype': error.code });
}
