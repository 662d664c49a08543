/** Starts an extension page: theme, the page, and a second source for its texts. */
import { cloneElement, render, type VNode } from 'preact';
import { browser } from 'wxt/browser';
import { missedCount, setFallbackMessages, type MessagesJson } from '../i18n/fallback';
import { watchTheme } from './theme';

/** The built messages of the browser's language (or English), read from the extension's own files. */
async function loadMessages(): Promise<MessagesJson | null> {
  const ui = browser.i18n.getUILanguage().replace('-', '_');
  for (const lang of [ui, ui.split('_')[0], 'en']) {
    try {
      const res = await fetch(browser.runtime.getURL(`/_locales/${lang}/messages.json` as '/'));
      if (res.ok) return (await res.json()) as MessagesJson;
    } catch {
      /* no such language: try the next */
    }
  }
  return null;
}

/**
 * Renders `page` into #app at once, then loads the page's own copy of the messages; if any text
 * came back empty from the browser meanwhile (lib/i18n/fallback.ts), renders again so it shows.
 */
export async function mountPage(page: VNode): Promise<void> {
  watchTheme(document.documentElement);
  const app = document.getElementById('app')!;
  render(page, app);
  setFallbackMessages(await loadMessages());
  // A fresh element makes every component render again and ask for its texts anew.
  if (missedCount() > 0) render(cloneElement(page), app);
}
