import type { SandboxPoolStore } from '../store/index.ts';

/**
 * The provisioner's way into the site's pool table: adding a sandbox that is
 * already there (a resumed run re-adding a stack it pooled before the crash)
 * is a no-op, not an error.
 */
export function sandboxPoolSink(pool: SandboxPoolStore): { add(eventId: string, sandboxId: string, at: number): void } {
  return {
    add(eventId, sandboxId, at) {
      try {
        pool.add(eventId, sandboxId, at);
      } catch (error) {
        if (error instanceof Error && /UNIQUE constraint failed: sandbox_pool\.sandbox_id/.test(error.message)) return;
        throw error;
      }
    },
  };
}
