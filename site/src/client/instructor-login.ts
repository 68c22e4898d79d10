/**
 * Instructor sign-in. A one-time login link carries its token in the URL
 * fragment (`#token=…`), which browsers never send to a server: it stays out
 * of access logs and proxies. We take it out of the address bar and history
 * at once, then exchange it for a session cookie with a POST.
 */
export function startInstructorLogin(): void {
  const form = document.getElementById('login-form') as HTMLFormElement | null;
  const error = document.getElementById('login-error');
  const linkStatus = document.getElementById('link-status');
  if (!form || !error || !linkStatus) return;

  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (token) {
    history.replaceState(null, '', location.pathname);
    linkStatus.textContent = 'Signing you in with your login link…';
    linkStatus.hidden = false;
    void post('/api/instructor/login-link', { token }).catch((failure: unknown) => {
      linkStatus.hidden = true;
      show(failure);
    });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (name: string): string => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
    error.hidden = true;
    void post('/api/instructor/login', { username: value('username'), password: value('password') }).catch(show);
  });

  function show(failure: unknown): void {
    if (!error) return;
    error.textContent = failure instanceof Error ? failure.message : String(failure);
    error.hidden = false;
  }
}

async function post(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = (await response.json().catch(() => ({}))) as { error?: string; next?: string };
  if (!response.ok) throw new Error(data.error ?? `Sign-in failed (${response.status}).`);
  location.assign(data.next ?? '/instructor/');
}
