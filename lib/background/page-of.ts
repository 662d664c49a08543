/**
 * What the popup's tab is, from the browser rather than from the page: Selfview has host access to
 * its call sites, so the browser tells it their URLs (and nothing for other tabs). This is how the
 * popup can say "this is a call site, but Selfview cannot see its camera" truthfully.
 */
import { browser } from 'wxt/browser';
import { siteForUrl } from '../sites/call-sites';
import { modeOf, userSites } from '../sites/items';
import type { PageHere } from '../session/popup-state';

/** The call site of tab `tabId` and its mode, or null when it is none (or the tab is gone). */
export async function pageOf(tabId: number | null): Promise<PageHere | null> {
  if (tabId === null) return null;
  const tab = await browser.tabs.get(tabId).catch(() => null);
  const site = tab?.url ? siteForUrl(tab.url, await userSites.getValue()) : null;
  return site ? { siteName: site.name, mode: await modeOf(site.key) } : null;
}
