/**
 * The few XML shapes STS answers with (awsQuery). Hand-built because the
 * responses are small fixed trees: a serializer dependency would add nothing
 * but a second place where element order and namespaces could drift.
 */
export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** An XML tree: element name → text, nested elements, or undefined (left out). */
export interface XmlTree {
  readonly [name: string]: string | number | XmlTree | undefined;
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

/** `<ActionResponse xmlns=…><ActionResult>…</ActionResult><ResponseMetadata>…</ResponseMetadata></ActionResponse>` */
export function successXml(action: string, result: XmlTree, requestId: string): string {
  return `<${action}Response xmlns="${STS_NAMESPACE}">\n  <${action}Result>\n${render(result, '    ')}  </${action}Result>\n  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`;
}

/** The awsQuery `ErrorResponse`; `Type` is Sender for client faults and Receiver for ours. */
export function errorXml(error: { code: string; message: string; fault: 'client' | 'server' }, requestId: string): string {
  return `<ErrorResponse xmlns="${STS_NAMESPACE}">\n  <Error>\n    <Type>${error.fault === 'server' ? 'Receiver' : 'Sender'}</Type>\n    <Code>${escapeXml(error.code)}</Code>\n    <Message>${escapeXml(error.message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
}

/** STS timestamps: ISO 8601 in whole seconds, `2019-11-09T13:34:41Z`. */
export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
