import type { ServerResponse } from 'node:http';
import { AwsServiceError, type ServiceError } from '../errors/index.ts';
import { sendJson } from '../http/io.ts';

/**
 * AWS JSON 1.1's side of the wire (the Cognito control plane and Secrets
 * Manager, both served by aws-json-host.ts): a JSON document in, a JSON
 * document out, errors as `{"__type", "message"}` with `x-amzn-ErrorType`,
 * from which the unchanged SDK builds the exception class of the same name.
 */
const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** What every response carries besides its body. */
export interface JsonEnvelope {
  readonly requestId: string;
  /** Epoch ms for the `Date` header: the SDK corrects clock skew from it, so answer on the sandbox clock. */
  readonly date: number;
}

/** The request document; an empty body is `{}`, anything but JSON a SerializationException. */
export function awsJsonInput(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new AwsServiceError('SerializationException', 'The request body is not valid JSON.');
  }
}

export function sendAwsJsonResult(response: ServerResponse, output: unknown, envelope: JsonEnvelope): void {
  sendJson(response, 200, output, headers(envelope), CONTENT_TYPE);
}

export function sendAwsJsonError(response: ServerResponse, error: ServiceError, envelope: JsonEnvelope): void {
  sendJson(
    response,
    error.status,
    { __type: error.code, message: error.message },
    { ...headers(envelope), 'x-amzn-errortype': error.code },
    CONTENT_TYPE,
  );
}

const headers = (envelope: JsonEnvelope): Record<string, string> => ({
  'x-amzn-requestid': envelope.requestId,
  date: new Date(envelope.date).toUTCString(),
});
