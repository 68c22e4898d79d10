/**
 * The workbench tells the rest of the page about a Run through one DOM
 * event, so views beside the output (the Wire tab) follow the Run without
 * the workbench knowing them.
 */
export interface RunAnnouncement {
  readonly phase: 'started' | 'ended';
  /** The Run's id, where the stream gave it. */
  readonly runId: string | undefined;
}

const EVENT = 'keyless:run';

export function announceRun(announcement: RunAnnouncement): void {
  document.dispatchEvent(new CustomEvent<RunAnnouncement>(EVENT, { detail: announcement }));
}

export function onRun(listener: (announcement: RunAnnouncement) => void): void {
  document.addEventListener(EVENT, (event) => {
    if (event instanceof CustomEvent) listener(event.detail as RunAnnouncement);
  });
}
