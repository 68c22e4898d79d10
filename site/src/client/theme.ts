/**
 * The page's light or dark theme. public/theme-init.js sets `data-theme` on
 * <html> before the first paint (the CSP forbids inline script, so it is a
 * tiny blocking file): the attendee's stored choice, else the system's
 * `prefers-color-scheme`. This module is the header's toggle and what the
 * editor follows; global.css holds the colours for both themes.
 */
export type Theme = 'light' | 'dark';

/** Where the attendee's explicit choice is kept; no entry means "follow the system". */
export const THEME_STORAGE_KEY = 'keyless-theme';

export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

/** Calls `listener` whenever the page's theme changes (the toggle, or the system's setting while no choice is stored). */
export function onThemeChange(listener: (theme: Theme) => void): void {
  new MutationObserver(() => listener(currentTheme())).observe(document.documentElement, { attributeFilter: ['data-theme'] });
}

function setTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Storage can be off (private modes); the choice then lasts for this page only.
  }
}

/** Wires the header's theme button: it shows the theme it switches to, and the choice is remembered. */
export function startThemeToggle(button: HTMLButtonElement): void {
  const render = (theme: Theme): void => {
    const next = theme === 'dark' ? 'light' : 'dark';
    button.setAttribute('aria-pressed', String(theme === 'dark'));
    button.title = `Switch to the ${next} theme`;
    button.dataset.next = next;
  };
  render(currentTheme());
  onThemeChange(render);
  button.addEventListener('click', () => setTheme(currentTheme() === 'dark' ? 'light' : 'dark'));
  button.hidden = false;
}
