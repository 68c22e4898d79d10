/**
 * Which runner takes a Run, as a pure function of the step's placement (its
 * `runner`, resolved on the server) and the state of the browser runner, so
 * every case is tested without a browser. The instance runner is always
 * there; the browser is used only once a WebContainer really booted and
 * installed the lab's packages. Never a pretend boot.
 */
export type Unavailable =
  'not-offered' | 'offline' | 'ios' | 'not-isolated' | 'no-shared-memory' | 'timeout' | 'boot-failed' | 'install-failed';

export type BrowserRunnerState =
  | { readonly status: 'idle' }
  | { readonly status: 'booting' }
  | { readonly status: 'ready' }
  | { readonly status: 'unavailable'; readonly reason: Unavailable; readonly detail?: string };

export interface RunnerChoice {
  readonly runner: 'browser' | 'instance';
  /** One line for the page when a browser step falls back to the instance. */
  readonly why?: string;
}

const THEN = 'Runs use your sandbox instance.';

/** The one line the page shows for each reason the browser runner is not used. */
export function unavailableLine(reason: Unavailable, detail?: string): string {
  switch (reason) {
    case 'not-offered':
      return `This server does not offer browser Runs. ${THEN}`;
    case 'offline':
      return `No browser runner: you are offline, and WebContainer needs StackBlitz's hosted runtime. ${THEN}`;
    case 'ios':
      return `No browser runner: WebContainer does not run on iOS or iPadOS. ${THEN}`;
    case 'not-isolated':
      return `No browser runner: this page is not cross-origin isolated (COOP/COEP), which WebContainer needs. ${THEN}`;
    case 'no-shared-memory':
      return `No browser runner: this browser has no SharedArrayBuffer, which WebContainer needs. ${THEN}`;
    case 'timeout':
      return `No browser runner: WebContainer did not start in ${detail ?? 'time'} (is stackblitz.com reachable?). ${THEN}`;
    case 'boot-failed':
      return `No browser runner: WebContainer failed to start${detail ? ` (${detail})` : ''}. ${THEN}`;
    case 'install-failed':
      return `No browser runner: installing the lab's packages in the browser failed${detail ? ` (${detail})` : ''}. ${THEN}`;
  }
}

export function chooseRunner(placement: 'instance' | 'browser', state: BrowserRunnerState): RunnerChoice {
  if (placement === 'instance') return { runner: 'instance' };
  switch (state.status) {
    case 'ready':
      return { runner: 'browser' };
    case 'idle':
    case 'booting':
      return { runner: 'instance', why: `The browser runner is still starting. This Run uses your sandbox instance.` };
    case 'unavailable':
      return { runner: 'instance', why: unavailableLine(state.reason, state.detail) };
  }
}

/** What the browser says about itself, read once on the page (probe.ts) and judged here. */
export interface BrowserCapabilities {
  readonly crossOriginIsolated: boolean;
  readonly sharedArrayBuffer: boolean;
  readonly online: boolean;
  readonly userAgent: string;
  readonly platform: string;
  readonly maxTouchPoints: number;
}

/** Why a WebContainer cannot even be tried here, or undefined when booting is worth a try. */
export function cannotBoot(capabilities: BrowserCapabilities): Unavailable | undefined {
  // iPadOS reports itself as a Mac; only a touch screen tells them apart.
  const ios =
    /\b(?:iPad|iPhone|iPod)\b/.test(capabilities.userAgent) || (capabilities.platform === 'MacIntel' && capabilities.maxTouchPoints > 1);
  if (ios) return 'ios';
  if (!capabilities.online) return 'offline';
  if (!capabilities.crossOriginIsolated) return 'not-isolated';
  if (!capabilities.sharedArrayBuffer) return 'no-shared-memory';
  return undefined;
}
