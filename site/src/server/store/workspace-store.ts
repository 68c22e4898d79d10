import type { DatabaseSync } from 'node:sqlite';

export type WorkspaceFiles = Readonly<Record<string, string>>;

/** The attendee's current code per lab, saved on every Run and on edit. */
export class WorkspaceStore {
  readonly #get;
  readonly #save;
  readonly #delete;

  constructor(db: DatabaseSync) {
    this.#get = db.prepare('SELECT files FROM workspaces WHERE attendee_id = ? AND lab_id = ?');
    this.#save = db.prepare(`
      INSERT INTO workspaces (attendee_id, lab_id, files, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (attendee_id, lab_id) DO UPDATE SET files = excluded.files, updated_at = excluded.updated_at`);
    this.#delete = db.prepare('DELETE FROM workspaces WHERE attendee_id = ? AND lab_id = ?');
  }

  get(attendeeId: string, labId: string): WorkspaceFiles | undefined {
    const row = this.#get.get(attendeeId, labId) as { files: string } | undefined;
    return row ? (JSON.parse(row.files) as WorkspaceFiles) : undefined;
  }

  save(attendeeId: string, labId: string, files: WorkspaceFiles, at: number): void {
    this.#save.run(attendeeId, labId, JSON.stringify(files), at);
  }

  delete(attendeeId: string, labId: string): void {
    this.#delete.run(attendeeId, labId);
  }
}
