/** The join form: posts code + name (+ resume secret, + table), then shows the resume secret once. */
interface Joined {
  eventName: string;
  displayName: string;
  resumed: boolean;
  resumeSecret?: string;
  sandboxStatus: 'ready' | 'waiting';
  next: string;
}

export function startJoinForm(): void {
  const form = document.getElementById('join-form') as HTMLFormElement | null;
  const error = document.getElementById('join-error');
  const button = document.getElementById('join-button') as HTMLButtonElement | null;
  if (!form || !error || !button) return;
  const field = (name: string): string => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.hidden = true;
    button.disabled = true;
    button.textContent = 'Joining…';
    void fetch('/api/join', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        code: field('code'),
        displayName: field('displayName'),
        resumeSecret: field('resumeSecret'),
        table: field('table'),
      }),
    })
      .then(async (response) => {
        const data = (await response.json().catch(() => ({}))) as Partial<Joined> & { error?: string };
        if (!response.ok) throw new Error(data.error ?? `Joining failed (${response.status}).`);
        showJoined(data as Joined);
      })
      .catch((failure: unknown) => {
        error.textContent = failure instanceof Error ? failure.message : String(failure);
        error.hidden = false;
        button.disabled = false;
        button.textContent = 'Join';
        // Put the cursor where the fix goes.
        const message = failure instanceof Error ? failure.message : '';
        // "your table card" is also in code messages: those name the code.
        const target =
          /table/i.test(message) && !/code/i.test(message)
            ? 'table'
            : /name/i.test(message) && !/code/i.test(message)
              ? 'displayName'
              : 'code';
        (form.elements.namedItem(target) as HTMLInputElement | null)?.focus();
      });
  });

  const showJoined = (joined: Joined): void => {
    // No secret to show (resumed, or a wait for an AWS sandbox comes first): go straight on.
    if (!joined.resumeSecret) {
      location.assign(joined.next);
      return;
    }
    form.hidden = true;
    document.getElementById('already-joined')?.remove();
    const panel = document.getElementById('joined');
    const summary = document.getElementById('joined-summary');
    const secretBox = document.getElementById('secret-box');
    const secret = document.getElementById('resume-secret-value');
    const next = document.getElementById('continue') as HTMLAnchorElement | null;
    if (!panel || !summary || !secretBox || !secret || !next) return;
    summary.textContent = `Welcome to ${joined.eventName}, ${joined.displayName}. Your sandbox is ${joined.sandboxStatus === 'ready' ? 'ready' : 'being prepared'}.`;
    secret.textContent = joined.resumeSecret;
    secretBox.hidden = false;
    wireCopySecret(joined.resumeSecret);
    next.href = joined.next;
    panel.hidden = false;
    panel.focus();
  };
}

/**
 * The resume secret's Copy button. The Clipboard API needs a secure context,
 * which a room on plain HTTP over the LAN is not; then the secret is selected
 * and the older copy command used, and failing that the button says to copy
 * it by hand.
 */
function wireCopySecret(value: string): void {
  const button = document.getElementById('copy-secret');
  const status = document.getElementById('copy-secret-status');
  const secret = document.getElementById('resume-secret-value');
  if (!button || !status || !secret) return;
  button.addEventListener('click', () => {
    void copy(value, secret).then((copied) => {
      button.textContent = copied ? 'Copied' : 'Select and copy it';
      status.textContent = copied ? 'Resume secret copied to the clipboard' : 'Could not copy: select the secret and copy it';
      window.setTimeout(() => (button.textContent = 'Copy'), 2000);
    });
  });
}

async function copy(value: string, element: HTMLElement): Promise<boolean> {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- absent outside secure contexts, which the DOM types do not say
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(value);
      return true;
    } catch {
      // denied: fall through to the selection
    }
  }
  const selection = window.getSelection();
  selection?.selectAllChildren(element);
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the only copy outside a secure context (plain HTTP on the room's LAN)
  return document.execCommand('copy');
}
