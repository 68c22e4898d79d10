/**
 * Monaco's theme follows the page's (data-theme on <html>, see theme.ts):
 * Monaco's own light and dark themes, which the workbench's colours match.
 * It reads the attribute itself rather than importing theme.ts, so the page's
 * start-up code and the lazily loaded editor share no chunk.
 */
import type { Theme } from '../theme.ts';

const MONACO_THEMES: Record<Theme, string> = { light: 'vs', dark: 'vs-dark' };

export function followPageTheme(editorApi: { setTheme(name: string): void }): void {
  const root = document.documentElement;
  const apply = (): void => editorApi.setTheme(MONACO_THEMES[root.dataset.theme === 'dark' ? 'dark' : 'light']);
  apply();
  new MutationObserver(apply).observe(root, { attributeFilter: ['data-theme'] });
}
