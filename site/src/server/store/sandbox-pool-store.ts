import type { DatabaseSync } from 'node:sqlite';

/**
 * AWS mode's pool of sandboxes provisioned ahead of the session. The
 * provisioner adds ready sandboxes; joining claims the oldest one. Nothing
 * here provisions anything: an empty pool means attendees wait.
 */
export class SandboxPoolStore {
  readonly #add;
  readonly #claim;
  readonly #ready;

  constructor(db: DatabaseSync) {
    this.#add = db.prepare("INSERT INTO sandbox_pool (sandbox_id, event_id, status, provisioned_at) VALUES (?, ?, 'ready', ?)");
    // Claim in one statement so two joins can never get the same sandbox.
    this.#claim = db.prepare(`
      UPDATE sandbox_pool SET status = 'assigned', attendee_id = ?, assigned_at = ?
      WHERE sandbox_id = (SELECT sandbox_id FROM sandbox_pool WHERE event_id = ? AND status = 'ready' ORDER BY provisioned_at, sandbox_id LIMIT 1)
      RETURNING sandbox_id`);
    this.#ready = db.prepare("SELECT COUNT(*) AS n FROM sandbox_pool WHERE event_id = ? AND status = 'ready'");
  }

  /** Called by the provisioner when a sandbox stack is up. */
  add(eventId: string, sandboxId: string, at: number): void {
    this.#add.run(sandboxId, eventId, at);
  }

  claim(eventId: string, attendeeId: string, at: number): string | undefined {
    const row = this.#claim.get(attendeeId, at, eventId) as { sandbox_id: string } | undefined;
    return row?.sandbox_id;
  }

  readyCount(eventId: string): number {
    return (this.#ready.get(eventId) as { n: number }).n;
  }
}
