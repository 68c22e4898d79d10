import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * What the provisioner has done for one event, so a crashed or interrupted
 * run resumes where it stopped. The truth is CloudFormation's (a resumed
 * run asks DescribeStacks about every stack it is not sure of); the file
 * says which stacks reached the pool, which the stacks cannot.
 * Written whole to a temporary file and renamed, so a crash mid-write leaves
 * the previous state, never half a file.
 */
export type SlotStatus = 'pending' | 'deploying' | 'ready' | 'pooled' | 'failed';

export interface ProvisionState {
  readonly eventId: string;
  readonly attendees: number;
  readonly slots: Record<string, { status: SlotStatus; error?: string }>;
  eventStack: 'pending' | 'ready';
}

export interface StateStore {
  load(): ProvisionState | undefined;
  save(state: ProvisionState): void;
}

export function fileStateStore(path: string): StateStore {
  return {
    load() {
      try {
        return JSON.parse(readFileSync(path, 'utf8')) as ProvisionState;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new Error(`the provisioner's state file ${path} is unreadable (${(error as Error).message}); move it away to start over`, {
          cause: error,
        });
      }
    },
    save(state) {
      mkdirSync(dirname(path), { recursive: true });
      const temporary = `${path}.${String(process.pid)}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
      renameSync(temporary, path);
    },
  };
}

/** In memory, for tests and dry runs. */
export function memoryStateStore(initial?: ProvisionState): StateStore & { readonly saves: number } {
  let state = initial ? structuredClone(initial) : undefined;
  let saves = 0;
  return {
    load: () => (state ? structuredClone(state) : undefined),
    save(next) {
      saves += 1;
      state = structuredClone(next);
    },
    get saves() {
      return saves;
    },
  };
}
