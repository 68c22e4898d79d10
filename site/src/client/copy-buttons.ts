/**
 * A "Copy" button on every code sample of the page's prose (the `<pre>` of
 * fenced code and of <LabCode>). The Clipboard API needs a secure context; a
 * room served over plain HTTP on the LAN is not one, so the fallback selects
 * the code and uses the older copy command.
 */
import '../styles/copy-buttons.css';

export function addCopyButtons(root: ParentNode = document): void {
  for (const pre of root.querySelectorAll<HTMLPreElement>('.prose pre')) {
    if (pre.parentElement?.classList.contains('copyable')) continue;
    const wrapper = document.createElement('div');
    wrapper.className = 'copyable';
    pre.replaceWith(wrapper);
    wrapper.append(pre);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-button';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy this code');
    const status = document.createElement('span');
    status.className = 'sr-only';
    status.setAttribute('role', 'status');
    button.addEventListener('click', () => {
      void copyText(pre).then((copied) => {
        button.textContent = copied ? 'Copied' : 'Select and copy';
        status.textContent = copied ? 'Code copied to the clipboard' : 'Could not copy: select the code and copy it';
        window.setTimeout(() => (button.textContent = 'Copy'), 2000);
      });
    });
    wrapper.append(button, status);
  }
}

async function copyText(pre: HTMLPreElement): Promise<boolean> {
  const text = pre.innerText;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- absent outside secure contexts, which the DOM types do not say
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission refused: fall through to the selection.
    }
  }
  const selection = window.getSelection();
  if (!selection) return false;
  const range = document.createRange();
  range.selectNodeContents(pre);
  selection.removeAllRanges();
  selection.addRange(range);
  // The deprecated copy command is the only way to copy outside a secure context.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  return document.execCommand('copy');
}
