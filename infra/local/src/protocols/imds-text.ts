import type { ServerResponse } from 'node:http';

/**
 * IMDS's side of the wire: `text/plain` bodies (documents are JSON text,
 * listings one entry per line), `Server: EC2ws`, and for every error EC2's
 * small XHTML page (the shape amazon-ec2-metadata-mock copies) as `text/html`.
 */
export interface ImdsResult {
  readonly status: number;
  /** The text of a 200; errors get their page. */
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const STATUS_TEXT: Readonly<Partial<Record<number, string>>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
};

/** `401 Unauthorized`: how evidence and the error page name a status. */
export const imdsStatusLine = (status: number): string => `${status} ${STATUS_TEXT[status] ?? ''}`.trim();

/** Writes the result; a `HEAD` gets the headers of the `GET` and no body. */
export function sendImdsResult(response: ServerResponse, method: string, result: ImdsResult): void {
  const error = result.status >= 400;
  const body = error ? errorPage(result.status) : (result.body ?? '');
  response.writeHead(result.status, {
    'content-type': 'text/plain',
    'content-length': Buffer.byteLength(body),
    server: 'EC2ws',
    ...result.headers,
    ...(error ? { 'content-type': 'text/html' } : {}),
  });
  response.end(method === 'HEAD' ? undefined : body);
}

function errorPage(status: number): string {
  const title = `${status} - ${STATUS_TEXT[status] ?? 'Error'}`;
  return `<?xml version="1.0" encoding="iso-8859-1"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
         "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
 <head>
  <title>${title}</title>
 </head>
 <body>
  <h1>${title}</h1>
 </body>
</html>
`;
}
