/** The wait screen: asks every few seconds whether a pooled sandbox has been assigned. */
export function waitForSandbox(): void {
  const status = document.getElementById('wait-status');
  const poll = async (): Promise<void> => {
    const response = await fetch('/api/join/status').catch(() => undefined);
    const data = (await response?.json().catch(() => undefined)) as { status: 'ready' | 'waiting'; readyInPool: number } | undefined;
    if (data?.status === 'ready') {
      if (status) status.textContent = 'Your sandbox is ready. Opening the labs…';
      location.assign('/');
      return;
    }
    if (status)
      status.textContent = data
        ? 'Still waiting: no sandbox is free yet. Checking again in a few seconds.'
        : 'Cannot reach the server; retrying…';
    setTimeout(() => void poll(), 2500);
  };
  void poll();
}
