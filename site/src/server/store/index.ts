export { AttendeeStore, type Attendee } from './attendee-store.ts';
export { migrate, openSiteDatabase } from './database.ts';
export { ProgressStore, type CheckResultInput, type StoredCheckResult } from './progress-store.ts';
export { RunStore, type StoredRun } from './run-store.ts';
export { WorkspaceStore, type WorkspaceFiles } from './workspace-store.ts';
