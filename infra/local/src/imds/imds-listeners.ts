import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Iam } from '../iam/index.ts';
import { attendeeImds, type ImdsServices } from './attendee-imds.ts';

/** The instances' IMDS, plus where each one's port is remembered across restarts. */
export interface ImdsListenerServices extends ImdsServices {
  readonly iam: Pick<Iam, 'account' | 'instanceCredentials' | 'accounts'>;
}

interface Listener {
  readonly server: Server;
  readonly port: number;
}

/**
 * Used only when Runs share the host's network (permission-only jail); with
 * network namespaces each Run reaches its instance's IMDS through its own
 * channel instead (channels/), and nothing attendee-specific listens on a
 * host port.
 *
 * One IMDS listener per attendee instance, each on its own loopback port:
 * EC2 serves IMDS at one fixed link-local address per instance, and the SDK
 * ignores any path in `AWS_EC2_METADATA_SERVICE_ENDPOINT` (it only takes host
 * and port), so instances cannot share a port. A listener starts the first
 * time its attendee is provisioned in this process and tries the port it had
 * before a restart, so an instance keeps its endpoint when it can.
 */
export class ImdsListeners {
  readonly #services: ImdsListenerServices;
  readonly #host: string;
  readonly #listeners = new Map<string, Promise<Listener>>();
  #closed = false;

  constructor(services: ImdsListenerServices, host: string) {
    this.#services = services;
    this.#host = host;
  }

  /** `http://host:port` of the attendee's IMDS, starting it if needed. */
  async endpoint(attendeeId: string): Promise<string> {
    if (this.#closed) throw new Error('The local sandbox is closed.');
    let listener = this.#listeners.get(attendeeId);
    if (!listener) {
      listener = this.#start(attendeeId);
      this.#listeners.set(attendeeId, listener);
      listener.catch(() => this.#listeners.delete(attendeeId));
    }
    const { port } = await listener;
    return `http://${this.#host.includes(':') ? `[${this.#host}]` : this.#host}:${port}`;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const listeners = await Promise.allSettled(this.#listeners.values());
    this.#listeners.clear();
    await Promise.all(
      listeners.map(async (settled) => {
        if (settled.status !== 'fulfilled') return;
        const { server } = settled.value;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      }),
    );
  }

  async #start(attendeeId: string): Promise<Listener> {
    const services = this.#services;
    const account = services.iam.account(attendeeId);
    const server = createServer({ keepAlive: true }, attendeeImds(services, attendeeId));
    let port: number;
    try {
      port = await listen(server, account.imdsPort ?? 0, this.#host);
    } catch (error) {
      if (account.imdsPort === undefined || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      port = await listen(server, 0, this.#host);
    }
    if (port !== account.imdsPort) services.iam.accounts.setImdsPort(attendeeId, port);
    return { server, port };
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
