/**
 * Esc, then Tab, leaves the editor: the way out for a keyboard user who has
 * not learnt Ctrl+M (Tab indents in a code editor, so Tab alone cannot).
 * Esc arms it when no widget is open (an Esc that closes the suggestions,
 * find, parameter hints or a problem's peek does only that); the next Tab
 * then moves focus to the page's next focusable element after the editor,
 * Shift+Tab to the one before it, by the browser's own focus order; any other
 * key disarms it, and so does leaving the editor. Armed is Monaco's tab
 * focus mode for this one editor, which is also what Ctrl+M turns on for all.
 */
import type { monaco as Monaco } from './monaco.ts';

/** Widgets an Esc closes, while the keyboard focus stays in the editor's text. */
const WIDGETS = [
  '.suggest-widget.visible',
  '.find-widget.visible',
  '.parameter-hints-widget.visible',
  '.marker-widget',
  '.peekview-widget',
].join(',');

export function leaveOnEscapeThenTab(editor: Monaco.editor.IStandaloneCodeEditor, keys: typeof Monaco.KeyCode): void {
  const modifiers = new Set([keys.Shift, keys.Ctrl, keys.Alt, keys.Meta]);
  let armed = false;
  const arm = (on: boolean): void => {
    if (armed === on) return;
    armed = on;
    editor.updateOptions({ tabFocusMode: on });
  };
  const widgetOpen = (): boolean =>
    [...editor.getContainerDomNode().querySelectorAll<HTMLElement>(WIDGETS)].some((widget) => widget.checkVisibility());
  // Monaco's own key handling (its keybindings, which close the widget) comes after this listener: what is open is what Esc closes.
  editor.onKeyDown((event) => {
    if (event.keyCode === keys.Escape) arm(!widgetOpen());
    // The browser moves focus as Tab's default action, and the blur disarms; if there was nowhere to go, disarm after.
    else if (event.keyCode === keys.Tab) setTimeout(() => arm(false));
    else if (!modifiers.has(event.keyCode)) arm(false);
  });
  editor.onDidBlurEditorText(() => arm(false));
}
