import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { createServer, type Server, type ServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { runAsCaller, type RunCaller } from '../channels/caller.ts';
import { BodyTooLargeError, sendJson } from '../http/io.ts';
import type { EvidenceStore } from '../evidence/evidence-store.ts';
import type { WorkshopPki } from '../pki/workshop-pki.ts';
import { handshakeFields, judgeHandshake, type Verdict } from './handshake.ts';
import { addressedApi, handleMtlsRequest, type MtlsOrdersServices } from './orders-mtls.ts';

/** What the front door needs: the Orders API behind it, and the PKI for its certificate, truststore and remembered port. */
export interface MtlsFrontDoorServices extends MtlsOrdersServices {
  readonly pki: WorkshopPki;
  /** Handshake evidence as well as the API's calls. */
  readonly evidence: Pick<EvidenceStore, 'record'>;
}

export interface MtlsFrontDoor {
  /** `https://localhost:<port>`: the name the server certificate is issued for. */
  readonly url: string;
  readonly port: number;
  /**
   * A server with the same certificate, truststore and handlers for one Run's
   * channel: connections handed to it belong to that Run by construction.
   * Not listening; the channel emits its connections into it.
   */
  serverForChannel(caller: RunCaller): Server;
  close(): Promise<void>;
}

export const MTLS_URL_SETTING = 'mtls_url';

/** How long a refused connection may take to send its first request (which names the API, hence the attendee). */
const REFUSAL_HOLD_MS = 2_000;

/**
 * The Orders API's mutual-TLS custom domain: its own TLS port, a server
 * certificate from the workshop CA, the workshop CA as truststore.
 *
 * The server requests a certificate without rejecting and judges it once
 * the handshake completes. A certificate that is untrusted (self-signed,
 * another CA) or outside its validity period gets what API Gateway
 * documents for it, a 403 answer to its request ("If the certificate isn't
 * trusted, is expired, or doesn't use a supported algorithm, the request is
 * denied with a 403 status code"); a connection without any certificate is
 * closed without an HTTP response. Either way the server waits up to 2 s for
 * the request line: the path names the API, so the refusal is recorded for
 * the attendee who made it even when no (or a foreign) certificate was
 * presented. See README.md.
 */
export async function startMtlsFrontDoor(services: MtlsFrontDoorServices, options: { host: string; port: number }): Promise<MtlsFrontDoor> {
  const { certificatePem, privateKeyPem } = await services.pki.issueServerCertificate();
  const newServer = (caller?: RunCaller): Server =>
    mtlsServer(services, caller, {
      key: privateKeyPem,
      cert: certificatePem,
      ca: [services.pki.ca.certificatePem],
      requestCert: true,
      rejectUnauthorized: false,
      // API Gateway custom domains require TLS 1.2 or later.
      minVersion: 'TLSv1.2',
      keepAlive: true,
    });
  const server = newServer(undefined);

  // A restarted sandbox keeps its URLs: reuse the last port when it is free.
  const lastPort = Number(new URL(services.pki.store.setting(MTLS_URL_SETTING) ?? 'https://localhost:0').port || 0);
  if (options.port !== 0 || lastPort === 0 || !(await listen(server, lastPort, options.host))) {
    if (!(await listen(server, options.port, options.host)))
      throw new Error(`The mTLS front door cannot listen on ${options.host}:${options.port}.`);
  }
  const { port } = server.address() as AddressInfo;
  // Outputs read it from here, also in a second process (the checker).
  services.pki.store.putSetting(MTLS_URL_SETTING, `https://localhost:${port}`);
  return {
    url: `https://localhost:${port}`,
    port,
    serverForChannel: newServer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The front door's HTTPS server with its handlers, not yet listening. */
function mtlsServer(services: MtlsFrontDoorServices, caller: RunCaller | undefined, tlsOptions: ServerOptions): Server {
  // Socket events do not carry the channel's context; each handler enters it.
  const asCaller = <T>(work: () => T): T => (caller ? runAsCaller(caller, work) : work());
  const verdicts = new WeakMap<TLSSocket, Verdict>();
  const refused = new WeakSet<TLSSocket>();
  const server: Server = createServer(tlsOptions);

  /** Records the refusal once; answers the request with API Gateway's 403 when there is one to answer and a certificate to refuse, else closes. */
  const refuse = async (
    socket: TLSSocket,
    verdict: Extract<Verdict, { ok: false }>,
    request?: { url: string | undefined; response: ServerResponse },
  ): Promise<void> => {
    if (refused.has(socket)) return;
    refused.add(socket);
    const attendeeId = addressedApi(request?.url, services)?.owner.attendeeId ?? verdict.attendeeId;
    try {
      if (attendeeId) {
        await services.evidence.record(attendeeId, {
          kind: 'tls-handshake',
          outcome: 'failure',
          reason: verdict.reason,
          error: verdict.code,
          ...handshakeFields(verdict, socket),
        });
      }
    } finally {
      if (request && verdict.reason !== 'no-certificate') sendForbidden(request.response);
      else socket.destroy();
    }
  };

  server.on('secureConnection', (socket: TLSSocket) =>
    asCaller(() => {
      const verdict = judgeHandshake(socket, services);
      verdicts.set(socket, verdict);
      if (!verdict.ok) {
        const timer = setTimeout(() => void refuse(socket, verdict, undefined), REFUSAL_HOLD_MS);
        socket.once('close', () => clearTimeout(timer));
        return;
      }
      // Accepted by the truststore; a revoked certificate is still a completed
      // handshake (the authorizer refuses its requests), recorded as refused so
      // the attendee sees why.
      if (verdict.attendeeId) {
        const revoked = services.pki.lookup(verdict.serial)?.revokedAt !== undefined;
        void services.evidence.record(verdict.attendeeId, {
          kind: 'tls-handshake',
          ...handshakeFields(verdict, socket),
          ...(revoked ? { outcome: 'failure', reason: 'revoked', error: 'CERT_REVOKED' } : { outcome: 'success' }),
        });
      }
    }),
  );

  server.on('request', (request, response) =>
    asCaller(() => {
      // An HTTPS server's request socket is the TLSSocket it accepted; Node types it as a plain Socket.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
      const socket = request.socket as TLSSocket;
      const verdict = verdicts.get(socket);
      if (!verdict || !verdict.ok) {
        void refuse(socket, verdict ?? { ok: false, reason: 'no-certificate', code: 'NO_PEER_CERTIFICATE' }, {
          url: request.url,
          response,
        });
        return;
      }
      handleMtlsRequest(request, response, verdict, services).catch((error: unknown) => {
        if (error instanceof BodyTooLargeError && !response.headersSent) {
          response.writeHead(413, { 'content-type': 'application/json' }).end(JSON.stringify({ message: error.message }));
          return;
        }
        console.error('[local-aws] mTLS front door error', error);
        if (!response.headersSent)
          response.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"Internal server error"}');
        else response.destroy();
      });
    }),
  );

  return server;
}

/**
 * API Gateway's answer to a request over a connection whose certificate the
 * truststore refused (untrusted, self-signed, expired): 403, before any API
 * runs. The body is API Gateway's default for a 403 gateway response; the
 * connection is closed after it, so the next request makes a new handshake.
 */
function sendForbidden(response: ServerResponse): void {
  if (response.headersSent) return void response.destroy();
  response.shouldKeepAlive = false;
  sendJson(
    response,
    403,
    { message: 'Forbidden' },
    { 'x-amzn-requestid': randomUUID(), 'x-amzn-errortype': 'ForbiddenException', connection: 'close' },
  );
}

/** Resolves false when the port is taken, so the caller can fall back. */
function listen(server: Server, port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => (error.code === 'EADDRINUSE' ? resolve(false) : reject(error));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(true);
    });
  });
}
