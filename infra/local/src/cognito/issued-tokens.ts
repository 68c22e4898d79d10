import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { WriteBatch } from '../sqlite/index.ts';

/**
 * Record of every access token issued (by jti), so a reset can discard them
 * and the sandbox can show what it minted. Verification never reads it: like
 * Cognito, a token is valid on its signature and claims alone.
 */
export class IssuedTokenStore {
  readonly #insert: StatementSync;
  readonly #batch: WriteBatch;

  constructor(db: DatabaseSync, batch: WriteBatch) {
    this.#batch = batch;
    this.#insert = db.prepare(
      'INSERT INTO issued_tokens (jti, attendee_id, client_id, scopes, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  /** Queued in the same group commit as the evidence of the request. */
  record(token: {
    jti: string;
    attendeeId: string;
    clientId: string;
    scopes: readonly string[];
    issuedAt: number;
    expiresAt: number;
  }): Promise<void> {
    return this.#batch.run(() =>
      this.#insert.run(token.jti, token.attendeeId, token.clientId, token.scopes.join(' '), token.issuedAt, token.expiresAt),
    );
  }
}
