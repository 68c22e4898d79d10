import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceError } from '../errors/index.ts';

/**
 * The AWS query protocol's side of the wire (STS): form parameters in, XML
 * out. Hand-built because the responses are small fixed trees: a serializer
 * dependency would add nothing but a second place where element order and
 * namespaces could drift.
 */

/** An XML tree: element name → text, nested elements, or undefined (left out). */
export interface XmlTree {
  readonly [name: string]: string | number | XmlTree | undefined;
}

/** What every query response carries besides its body. */
export interface QueryEnvelope {
  /** The service's XML namespace, e.g. `https://sts.amazonaws.com/doc/2011-06-15/`. */
  readonly namespace: string;
  readonly requestId: string;
  /** Epoch ms for the `Date` header: the SDK corrects clock skew from it, so answer on the sandbox clock. */
  readonly date: number;
}

/** The merged query-string and form parameters (`Action=…&Version=…`); a body of another content type adds none. */
export function queryParameters(request: IncomingMessage, body: Buffer): URLSearchParams {
  const params = new URLSearchParams((request.url ?? '').split('?')[1] ?? '');
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (request.method === 'POST' && contentType === 'application/x-www-form-urlencoded') {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params.append(key, value);
  }
  return params;
}

/** `<ActionResponse xmlns=…><ActionResult>…</ActionResult><ResponseMetadata>…</ResponseMetadata></ActionResponse>`, 200. */
export function sendQueryResult(response: ServerResponse, action: string, result: XmlTree, envelope: QueryEnvelope): void {
  const xml = `<${action}Response xmlns="${envelope.namespace}">\n  <${action}Result>\n${render(result, '    ')}  </${action}Result>\n  <ResponseMetadata>\n    <RequestId>${envelope.requestId}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`;
  send(response, 200, xml, envelope);
}

/** The awsQuery `ErrorResponse` with the error's status; `Type` is Sender for client faults and Receiver for ours. */
export function sendQueryError(response: ServerResponse, error: ServiceError, envelope: QueryEnvelope): void {
  const type = error.fault === 'server' ? 'Receiver' : 'Sender';
  const xml = `<ErrorResponse xmlns="${envelope.namespace}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${escapeXml(error.code)}</Code>\n    <Message>${escapeXml(error.message)}</Message>\n  </Error>\n  <RequestId>${envelope.requestId}</RequestId>\n</ErrorResponse>\n`;
  send(response, error.status, xml, envelope);
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

function render(tree: XmlTree, indent: string): string {
  let out = '';
  for (const [name, value] of Object.entries(tree)) {
    if (value === undefined) continue;
    if (typeof value === 'object') out += `${indent}<${name}>\n${render(value, `${indent}  `)}${indent}</${name}>\n`;
    else out += `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;
  }
  return out;
}

function send(response: ServerResponse, status: number, xml: string, envelope: QueryEnvelope): void {
  response.writeHead(status, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(xml),
    'x-amzn-requestid': envelope.requestId,
    date: new Date(envelope.date).toUTCString(),
  });
  response.end(xml);
}
