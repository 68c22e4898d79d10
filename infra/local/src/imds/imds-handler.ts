import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ImdsRequestEvidence } from '@keyless/labs/sandbox';
import { metadataTree, render, type InstanceFacts } from './metadata.ts';
import { ImdsTokens, parseTtl } from './tokens.ts';

export interface InstanceMetadataService {
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

/** Records one `imds-request` evidence event; resolves once committed. */
type RecordEvidence = (event: Omit<ImdsRequestEvidence, 'id' | 'at' | 'attendeeId' | 'kind'>) => Promise<void>;

const TOKEN_PATH = /^\/([^/]+)\/api\/token\/?$/;
const STATUS_TEXT: Readonly<Partial<Record<number, string>>> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed' };

/**
 * One instance's IMDS with `HttpTokens=required` (IMDSv2 only), hand-written
 * because the only emulators are Go programs (amazon-ec2-metadata-mock,
 * `aws_signing_helper serve`) and neither ties credentials to an attendee:
 *
 * - `PUT /latest/api/token` with `X-aws-ec2-metadata-token-ttl-seconds` 1–21600
 *   → 200 token (TTL echoed); a missing or invalid TTL → 400; an
 *   `X-Forwarded-For` header → 403; the token path of a dated version → 403.
 * - every `GET`/`HEAD` needs `X-aws-ec2-metadata-token`: none (IMDSv1), an
 *   unknown or an expired one → 401.
 */
export function instanceMetadataService(options: { facts: InstanceFacts; now: () => number; record: RecordEvidence }): InstanceMetadataService {
  const tokens = new ImdsTokens(options.now);
  const tree = metadataTree(options.facts);
  return {
    async handle(request, response) {
      const method = request.method ?? 'GET';
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      const tokenPath = TOKEN_PATH.exec(path);
      let status: number;
      let body = '';
      let headers: Readonly<Record<string, string>> = {};
      let presented = false;
      if (tokenPath) {
        if (method !== 'PUT') [status, headers] = [405, { allow: 'PUT' }];
        // "PUT requests are rejected if they contain an X-Forwarded-For header": the token must not leave the instance through a proxy.
        else if (request.headers['x-forwarded-for'] !== undefined || tokenPath[1] !== 'latest') status = 403;
        else {
          const ttl = parseTtl(header(request, 'x-aws-ec2-metadata-token-ttl-seconds'));
          if (ttl === undefined) status = 400;
          else [status, body, headers] = [200, tokens.issue(ttl), { 'x-aws-ec2-metadata-token-ttl-seconds': String(ttl) }];
        }
      } else if (method !== 'GET' && method !== 'HEAD') {
        [status, headers] = [405, { allow: 'GET, HEAD' }];
      } else {
        presented = tokens.valid(header(request, 'x-aws-ec2-metadata-token'));
        const found = presented ? render(tree, path) : undefined;
        if (!presented) status = 401;
        else if (found === undefined) status = 404;
        else [status, body] = [200, found];
      }
      await options.record({ method, path, status, sessionToken: presented, outcome: status < 400 ? 'success' : 'failure', ...(status >= 400 ? { error: `${status} ${STATUS_TEXT[status] ?? ''}`.trim() } : {}) });
      if (status >= 400) {
        body = errorPage(status);
        headers = { ...headers, 'content-type': 'text/html' };
      }
      response.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body), server: 'EC2ws', ...headers });
      response.end(method === 'HEAD' ? undefined : body);
    },
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** EC2 answers errors with a small XHTML page (the shape amazon-ec2-metadata-mock copies). */
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
