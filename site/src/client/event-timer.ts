/**
 * The attendee's countdown to their event's end. The server's clock is the
 * reference (the page carries both deadline and server time), and the
 * deadline is re-read every minute so an instructor's extension shows up.
 */
export function startEventTimer(): void {
  const element = document.getElementById('event-timer');
  if (!element) return;
  let deadline = Number(element.dataset.deadline);
  let skew = Number(element.dataset.now) - Date.now(); // server minus client
  const render = (): void => {
    const left = deadline - (Date.now() + skew);
    element.classList.toggle('over', left <= 0);
    element.classList.toggle('soon', left > 0 && left < 10 * 60_000);
    if (left <= 0) {
      element.textContent = 'Time is up';
      return;
    }
    const minutes = Math.floor(left / 60_000);
    const text =
      minutes >= 60
        ? `${Math.floor(minutes / 60)} h ${minutes % 60} min left`
        : `${minutes}:${String(Math.floor((left % 60_000) / 1000)).padStart(2, '0')} left`;
    element.textContent = text;
    element.title = `Ends at ${new Date(deadline - skew).toLocaleTimeString()}`;
  };
  const refresh = async (): Promise<void> => {
    const response = await fetch('/api/me/event', { headers: { accept: 'application/json' } }).catch(() => undefined);
    const data = (await response?.json().catch(() => undefined)) as { event: { deadline: number; now: number } | null } | undefined;
    if (data?.event) {
      deadline = data.event.deadline;
      skew = data.event.now - Date.now();
    }
  };
  render();
  setInterval(render, 1000);
  setInterval(() => void refresh().then(render), 60_000);
}
