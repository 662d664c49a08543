/**
 * The colour theme of Selfview's pages: `data-theme` on the root element picks light or dark
 * (theme.css); without it the pages follow the system's `prefers-color-scheme`.
 */
import { readSettings, sanitizeSettings, settings, type Settings } from '../settings/items';

export type Theme = Settings['theme'];

/** What `applyTheme` needs of the root element (an `HTMLElement` has it; tests pass a small fake). */
export type ThemeRoot = Pick<HTMLElement, 'setAttribute' | 'removeAttribute'>;

/** Sets `data-theme` for a light or dark choice, removes it for auto (anything else reads as auto). */
export function applyTheme(root: ThemeRoot, theme: Theme): void {
  if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);
  else root.removeAttribute('data-theme');
}

/**
 * Applies the stored theme and follows later changes (from the settings page, in any tab).
 * Returns a function that stops following.
 */
export function watchTheme(root: ThemeRoot): () => void {
  let stopped = false;
  // A change that arrives before the first read finishes is newer than what that read returns.
  let changed = false;
  void readSettings()
    .then((s) => {
      if (!stopped && !changed) applyTheme(root, s.theme);
    })
    .catch(() => undefined); // unreadable storage: the page keeps following the system
  const unwatch = settings.watch((v) => {
    changed = true;
    if (!stopped) applyTheme(root, sanitizeSettings(v ?? {}).theme);
  });
  return () => {
    stopped = true;
    unwatch();
  };
}
