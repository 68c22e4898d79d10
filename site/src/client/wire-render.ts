import type { WireEntry, WireField, WireRun } from '../wire/model.ts';

/**
 * Renders Wire entries as DOM (text only, never HTML from data): a list of
 * requests, each a <details> that opens into its decoded fields and blocks.
 * Shared by the lab page's Wire tab and the instructor's attendee detail.
 */
export function renderRun(run: WireRun | undefined, empty: string): HTMLElement {
  if (!run || run.entries.length === 0) return element('p', { className: 'wire-empty' }, empty);
  const list = element('ol', { className: 'wire-list' });
  list.setAttribute('aria-label', `Requests the sandbox received from Run ${run.runId}`);
  for (const entry of run.entries) list.append(renderEntry(entry));
  return list;
}

function renderEntry(entry: WireEntry): HTMLLIElement {
  const item = element('li', { className: `wire-entry ${entry.ok ? 'ok' : 'failed'}` });
  item.dataset.mechanism = entry.mechanism;
  const details = element('details');
  const summary = element('summary');
  summary.append(
    element('time', { className: 'wire-time' }, clock(entry.at)),
    element('span', { className: 'wire-service' }, entry.service),
    element('code', { className: 'wire-request' }, entry.request),
    element('span', { className: 'wire-door' }, entry.door),
    element('span', { className: `wire-status ${entry.ok ? 'ok' : 'failed'}` }, entry.status),
  );
  if (entry.caller)
    summary.append(element('span', { className: 'wire-caller', title: 'Who the sandbox decided the caller was' }, entry.caller));
  details.append(summary, element('p', { className: 'wire-lesson' }, entry.summary));
  if (entry.error) details.append(element('p', { className: 'wire-error' }, `Error: ${entry.error}`));
  if (entry.fields.length > 0) {
    const fields = element('dl', { className: 'wire-fields' });
    for (const field of entry.fields) fields.append(...renderField(field));
    details.append(fields);
  }
  if (entry.blocks.length > 0) {
    const blocks = element('div', { className: 'wire-blocks' });
    for (const block of entry.blocks) {
      const figure = element('figure');
      figure.append(
        element('figcaption', {}, block.title),
        element('pre', { tabIndex: 0 }, block.text),
        element('p', { className: 'wire-explain' }, block.explain),
      );
      blocks.append(figure);
    }
    details.append(blocks);
  }
  item.append(details);
  return item;
}

function renderField(field: WireField): [HTMLElement, HTMLElement] {
  const value = element('dd');
  value.append(element('code', {}, field.value));
  if (field.countdownTo !== undefined) {
    const countdown = element('span', { className: 'wire-countdown' });
    countdown.dataset.countdownTo = String(field.countdownTo);
    value.append(countdown);
  }
  value.append(element('span', { className: 'wire-explain' }, field.explain));
  return [element('dt', {}, field.label), value];
}

/** Updates every countdown under `root` (a token's `exp`): "expires in 59:12", or how long ago it expired. */
export function tickCountdowns(root: ParentNode, now = Date.now()): void {
  for (const node of root.querySelectorAll<HTMLElement>('[data-countdown-to]')) {
    const left = Math.round((Number(node.dataset.countdownTo) - now) / 1000);
    node.textContent = left > 0 ? `expires in ${duration(left)}` : `expired ${duration(-left)} ago`;
    node.classList.toggle('expired', left <= 0);
  }
}

function duration(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${String(hours)}:${String(minutes).padStart(2, '0')}:${rest}` : `${String(minutes)}:${rest}`;
}

function clock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  properties: Partial<Pick<HTMLElement, 'className' | 'title' | 'tabIndex'>> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, properties);
  if (text !== undefined) node.textContent = text;
  return node;
}
