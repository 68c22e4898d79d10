/**
 * The IMDS recorder: runs as root on an attendee's instance, in front of the
 * metadata service for the runner user only (the user data DNATs that
 * user's TCP to 169.254.169.254:80 to this listener with an iptables owner
 * match). It forwards each request unchanged to IMDS and appends one JSON
 * line per request to a root-owned log the AWS Sandbox reads through SSM:
 * no AWS service records IMDS requests, and attendee code (which holds the
 * instance role) could forge a DynamoDB item, but not a root-owned file.
 *
 * Self-contained (node: modules only): the user data writes this file to
 * the instance and Node 24 runs it as it is (type stripping).
 */
import { appendFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';

export interface ImdsRecorderOptions {
  readonly listenHost: string;
  readonly listenPort: number;
  /** The real metadata service. */
  readonly upstreamHost: string;
  readonly upstreamPort: number;
  readonly logPath: string;
  readonly now?: () => number;
}

/** What one log line holds (contract/instance-paths.ts). */
export interface ImdsLogLine {
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly sessionToken: boolean;
  readonly tokenTtlSeconds?: number;
}

/** Requests larger than this are refused: IMDS takes no bodies worth the name. */
const MAX_BODY_BYTES = 16 * 1024;

export function startImdsRecorder(options: ImdsRecorderOptions): Promise<Server> {
  const now = options.now ?? Date.now;
  // Appends are chained so lines never interleave.
  let writing: Promise<void> = Promise.resolve();
  const log = (line: ImdsLogLine): void => {
    writing = writing.then(() => appendFile(options.logPath, `${JSON.stringify(line)}\n`, { mode: 0o600 })).catch(() => undefined);
  };
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) incoming.destroy();
      else chunks.push(chunk);
    });
    incoming.on('end', () => {
      const method = incoming.method ?? 'GET';
      const path = (incoming.url ?? '/').split('?')[0] ?? '/';
      const token = header(incoming.headers, 'x-aws-ec2-metadata-token');
      const ttl = Number(header(incoming.headers, 'x-aws-ec2-metadata-token-ttl-seconds'));
      const record = (status: number): void =>
        log({
          at: now(),
          method,
          path,
          status,
          // Accepted by IMDS: sent, and not refused as unauthorized.
          sessionToken: token !== undefined && status !== 401,
          ...(method === 'PUT' && Number.isInteger(ttl) ? { tokenTtlSeconds: ttl } : {}),
        });
      const upstream = httpRequest(
        {
          host: options.upstreamHost,
          port: options.upstreamPort,
          method,
          path: incoming.url ?? '/',
          headers: { ...incoming.headers, host: options.upstreamHost },
          timeout: 5_000,
        },
        (response) => {
          record(response.statusCode ?? 502);
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(outgoing);
        },
      );
      upstream.on('timeout', () => upstream.destroy(new Error('IMDS timed out')));
      upstream.on('error', () => {
        record(502);
        if (!outgoing.headersSent) outgoing.writeHead(502).end();
        else outgoing.destroy();
      });
      upstream.end(Buffer.concat(chunks));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listenPort, options.listenHost, () => resolve(server));
  });
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

// Run as a service: `node imds-recorder.ts <log path>`.
if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const logPath = process.argv[2] ?? '/var/log/keyless/imds.jsonl';
  void startImdsRecorder({ listenHost: '127.0.0.1', listenPort: 8169, upstreamHost: '169.254.169.254', upstreamPort: 80, logPath });
}
