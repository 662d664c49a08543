/**
 * User-added call sites: the permission for the origin is asked from a user click (options page),
 * then the same two content scripts the built-in sites get are registered for it at runtime,
 * persisting across restarts. Removing the site unregisters them and gives the permission back.
 */
import { browser } from 'wxt/browser';
import { userSiteKey, userSitePattern } from './call-sites';
import { userSites } from './items';

/** Built content-script files (WXT's output names for entrypoints/call-hook.content.ts and call.content/). */
export const CALL_SCRIPTS = { hook: 'content-scripts/call-hook.js', capture: 'content-scripts/call.js' } as const;

/** One id per site and kind. Every character but a-z/0-9 is escaped as `_` + 4 hex digits, so two sites never share an id ("a-b.com" and "a.b.com" once both became "a_b_com"). */
const scriptId = (kind: 'hook' | 'capture', key: string): string =>
  `user-${kind}-${key.replace(/[^a-z0-9]/gi, (c) => `_${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}`;

/** The registrations for one user site: the MAIN-world hook and the isolated capture script. */
export function registrationsFor(key: string): chrome.scripting.RegisteredContentScript[] {
  const matches = [userSitePattern(key)];
  return [
    { id: scriptId('hook', key), matches, js: [CALL_SCRIPTS.hook], runAt: 'document_start', world: 'MAIN', persistAcrossSessions: true },
    { id: scriptId('capture', key), matches, js: [CALL_SCRIPTS.capture], runAt: 'document_start', persistAcrossSessions: true },
  ];
}

/**
 * Adds a site. Must be called from a user gesture (it may show the browser's permission prompt).
 * Throws with a plain message when the input is not a usable origin or the permission is refused.
 */
export async function addUserSite(input: string): Promise<string> {
  const key = userSiteKey(input);
  if (!key) throw new Error('Enter a web address such as https://meet.example.org (http only for localhost).');
  const granted = await browser.permissions.request({ origins: [userSitePattern(key)] });
  if (!granted) throw new Error(`Permission for ${key} was not granted, so Selfview cannot run there.`);
  const list = await userSites.getValue();
  if (!list.includes(key)) await userSites.setValue([...list, key]);
  await syncUserSiteScripts();
  return key;
}

/** Removes a site: its scripts, its permission and its entry. */
export async function removeUserSite(key: string): Promise<void> {
  await userSites.setValue((await userSites.getValue()).filter((k) => k !== key));
  await syncUserSiteScripts();
  await browser.permissions.remove({ origins: [userSitePattern(key)] }).catch(() => false);
}

let syncing: Promise<void> = Promise.resolve();

/** Makes the registered scripts match the user's sites that still have their permission (runs one at a time). */
export function syncUserSiteScripts(): Promise<void> {
  const run = syncing.then(syncOnce);
  syncing = run.catch(() => undefined);
  return run;
}

async function syncOnce(): Promise<void> {
  const keys = await userSites.getValue();
  const wanted = new Map<string, chrome.scripting.RegisteredContentScript>();
  for (const key of keys) {
    if (await browser.permissions.contains({ origins: [userSitePattern(key)] })) {
      for (const r of registrationsFor(key)) wanted.set(r.id, r);
    }
  }
  const existing = await chrome.scripting.getRegisteredContentScripts();
  const stale = existing.filter((s) => s.id.startsWith('user-') && !wanted.has(s.id)).map((s) => s.id);
  if (stale.length) await chrome.scripting.unregisterContentScripts({ ids: stale });
  const have = new Set(existing.map((s) => s.id));
  const missing = [...wanted.values()].filter((r) => !have.has(r.id));
  if (missing.length) await chrome.scripting.registerContentScripts(missing);
}
