/**
 * The event bar's "Table" field: the attendee moves to another table (or
 * clears it) and the instructor's room view follows. Their own only: the
 * server takes the attendee from the session.
 */
export function startEventTable(): void {
  const form = document.getElementById('event-table-form') as HTMLFormElement | null;
  const input = document.getElementById('event-table') as HTMLInputElement | null;
  const status = document.getElementById('event-table-status');
  if (!form || !input || !status) return;
  const say = (text: string, problem: boolean): void => {
    status.textContent = text;
    status.classList.toggle('problem', problem);
    input.setAttribute('aria-invalid', String(problem));
  };
  form.addEventListener('submit', (submit) => {
    submit.preventDefault();
    void fetch('/api/me/table', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ table: input.value }),
    })
      .then(async (response) => {
        const data = (await response.json().catch(() => ({}))) as { table?: string | null; error?: string };
        if (!response.ok) throw new Error(data.error ?? `Saving the table failed (${response.status}).`);
        input.value = data.table ?? '';
        say(data.table ? 'Saved' : 'No table', false);
      })
      .catch((failure: unknown) => {
        say(failure instanceof Error ? failure.message : String(failure), true);
        input.focus();
      });
  });
}
