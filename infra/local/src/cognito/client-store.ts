import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ScopeCatalogue, UserPoolClient } from './user-pool-client.ts';

export interface ResourceServer {
  UserPoolId: string;
  Identifier: string;
  Name: string;
  Scopes: { ScopeName: string; ScopeDescription: string }[];
}

interface ClientRow {
  attendee_id: string;
  client_secret: string | null;
  data: string;
  created_at: number;
}

/** App clients and resource servers of every pool, in SQLite. */
export class CognitoStore {
  readonly #insert: StatementSync;
  readonly #update: StatementSync;
  readonly #byId: StatementSync;
  readonly #page: StatementSync;
  readonly #delete: StatementSync;
  readonly #resourceServer: StatementSync;
  readonly #resourceServers: StatementSync;
  readonly #resourceServerPage: StatementSync;
  readonly #insertResourceServer: StatementSync;
  readonly #updateResourceServer: StatementSync;
  readonly #deleteResourceServer: StatementSync;

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare(
      'INSERT INTO user_pool_clients (client_id, user_pool_id, attendee_id, client_secret, data, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#update = db.prepare('UPDATE user_pool_clients SET data = ? WHERE client_id = ?');
    this.#byId = db.prepare('SELECT attendee_id, client_secret, data, created_at FROM user_pool_clients WHERE client_id = ?');
    // Keyset pagination on rowid (creation order): stable while clients come and go.
    this.#page = db.prepare(
      'SELECT rowid, attendee_id, client_secret, data, created_at FROM user_pool_clients WHERE user_pool_id = ? AND rowid > ? ORDER BY rowid LIMIT ?',
    );
    this.#delete = db.prepare('DELETE FROM user_pool_clients WHERE client_id = ? AND user_pool_id = ?');
    this.#resourceServer = db.prepare(
      'SELECT user_pool_id, identifier, name, scopes FROM resource_servers WHERE user_pool_id = ? AND identifier = ?',
    );
    this.#resourceServers = db.prepare(
      'SELECT user_pool_id, identifier, name, scopes FROM resource_servers WHERE user_pool_id = ? ORDER BY rowid',
    );
    this.#resourceServerPage = db.prepare(
      'SELECT rowid, user_pool_id, identifier, name, scopes FROM resource_servers WHERE user_pool_id = ? AND rowid > ? ORDER BY rowid LIMIT ?',
    );
    this.#insertResourceServer = db.prepare('INSERT INTO resource_servers (user_pool_id, identifier, name, scopes) VALUES (?, ?, ?, ?)');
    this.#updateResourceServer = db.prepare('UPDATE resource_servers SET name = ?, scopes = ? WHERE user_pool_id = ? AND identifier = ?');
    this.#deleteResourceServer = db.prepare('DELETE FROM resource_servers WHERE user_pool_id = ? AND identifier = ?');
  }

  insert(attendeeId: string, client: UserPoolClient): void {
    const { ClientSecret, ...data } = client;
    this.#insert.run(client.ClientId, client.UserPoolId, attendeeId, ClientSecret ?? null, JSON.stringify(data), client.CreationDate);
  }

  update(client: UserPoolClient): void {
    const { ClientSecret: _secret, ...data } = client;
    this.#update.run(JSON.stringify(data), client.ClientId);
  }

  /** Any pool's client by id (the token endpoint then checks the pool). */
  byId(clientId: string): { attendeeId: string; client: UserPoolClient } | undefined {
    const row = this.#byId.get(clientId) as ClientRow | undefined;
    return row ? { attendeeId: row.attendee_id, client: toClient(row) } : undefined;
  }

  inPool(userPoolId: string, clientId: string): UserPoolClient | undefined {
    const found = this.byId(clientId);
    return found?.client.UserPoolId === userPoolId ? found.client : undefined;
  }

  /** One page of the pool's clients, in creation order, after position `after` (0 = start). */
  page(userPoolId: string, after: number, limit: number): { clients: UserPoolClient[]; next?: number } {
    const rows = this.#page.all(userPoolId, after, limit + 1) as unknown as (ClientRow & { rowid: number })[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { clients: page.map(toClient), ...(rows.length > limit && last ? { next: last.rowid } : {}) };
  }

  delete(userPoolId: string, clientId: string): boolean {
    return Number(this.#delete.run(clientId, userPoolId).changes) > 0;
  }

  resourceServer(userPoolId: string, identifier: string): ResourceServer | undefined {
    const row = this.#resourceServer.get(userPoolId, identifier) as ResourceServerRow | undefined;
    return row ? toResourceServer(row) : undefined;
  }

  resourceServers(userPoolId: string): ResourceServer[] {
    return (this.#resourceServers.all(userPoolId) as unknown as ResourceServerRow[]).map(toResourceServer);
  }

  insertResourceServer(server: ResourceServer): void {
    this.#insertResourceServer.run(server.UserPoolId, server.Identifier, server.Name, JSON.stringify(server.Scopes));
  }

  updateResourceServer(server: ResourceServer): boolean {
    return (
      Number(this.#updateResourceServer.run(server.Name, JSON.stringify(server.Scopes), server.UserPoolId, server.Identifier).changes) > 0
    );
  }

  deleteResourceServer(userPoolId: string, identifier: string): boolean {
    return Number(this.#deleteResourceServer.run(userPoolId, identifier).changes) > 0;
  }

  /** One page of the pool's resource servers in creation order, after position `after` (0 = start). */
  resourceServerPage(userPoolId: string, after: number, limit: number): { servers: ResourceServer[]; next?: number } {
    const rows = this.#resourceServerPage.all(userPoolId, after, limit + 1) as unknown as (ResourceServerRow & { rowid: number })[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { servers: page.map(toResourceServer), ...(rows.length > limit && last ? { next: last.rowid } : {}) };
  }

  /** identifier → scope names, for validating AllowedOAuthScopes. */
  scopeCatalogue(userPoolId: string): ScopeCatalogue {
    return new Map(
      this.resourceServers(userPoolId).map((server) => [server.Identifier, new Set(server.Scopes.map((scope) => scope.ScopeName))]),
    );
  }
}

interface ResourceServerRow {
  user_pool_id: string;
  identifier: string;
  name: string;
  scopes: string;
}

function toResourceServer(row: ResourceServerRow): ResourceServer {
  return {
    UserPoolId: row.user_pool_id,
    Identifier: row.identifier,
    Name: row.name,
    Scopes: JSON.parse(row.scopes) as ResourceServer['Scopes'],
  };
}

function toClient(row: ClientRow): UserPoolClient {
  const data = JSON.parse(row.data) as UserPoolClient;
  return row.client_secret ? { ...data, ClientSecret: row.client_secret } : data;
}
