/**
 * Which pages get Selfview's two call scripts. Nothing is registered before the user agreed, and a
 * site set to "Never" gets nothing: until then no page can see any trace of Selfview. After that,
 * the built-in sites and the sites the user added (each with its permission, asked from a click in
 * Settings) get the MAIN-world hook and the isolated capture script in every frame, including the
 * about:blank and blob frames a call app creates (matchOriginAsFallback), from document_start.
 */
import { browser } from 'wxt/browser';
import { hasConsent } from '../consent/items';
import { BUILT_IN_SITES, userSite, userSiteKey, userSitePattern, type CallSite } from './call-sites';
import { siteModes, userSites } from './items';

/** Built content-script files (WXT's output names for entrypoints/call-hook.content.ts and call.content/). */
export const CALL_SCRIPTS = { hook: 'content-scripts/call-hook.js', capture: 'content-scripts/call.js' } as const;

type Registration = chrome.scripting.RegisteredContentScript;

/** Every character but a-z/0-9 is escaped as `_` + 4 hex digits, so two sites never share an id ("a-b.com" and "a.b.com" once both became "a_b_com"). */
const escapeKey = (key: string): string => key.replace(/[^a-z0-9]/gi, (c) => `_${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The registrations for one site: the MAIN-world hook and the isolated capture script. Patterns
 * with a narrower path than `/*` (Zoom's `/wc/*`) cannot fall back to the origin, so they get a
 * second pair without `matchOriginAsFallback`.
 */
export function registrationsFor(site: CallSite): Registration[] {
  const prefix = site.builtIn ? 'site' : 'user';
  const whole = site.matches.filter((m) => /^[^:]+:\/\/[^/]+\/\*$/.test(m));
  const narrow = site.matches.filter((m) => !whole.includes(m));
  const pair = (matches: string[], fallback: boolean, tag: string): Registration[] => {
    const common = { matches, runAt: 'document_start', allFrames: true, ...(fallback ? { matchOriginAsFallback: true } : {}), persistAcrossSessions: true } as const;
    return [
      { id: `${prefix}-hook${tag}-${escapeKey(site.key)}`, js: [CALL_SCRIPTS.hook], world: 'MAIN', ...common },
      { id: `${prefix}-capture${tag}-${escapeKey(site.key)}`, js: [CALL_SCRIPTS.capture], ...common },
    ];
  };
  return [...(whole.length ? pair(whole, true, '') : []), ...(narrow.length ? pair(narrow, false, '-path') : [])];
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
  await syncCallSiteScripts();
  return key;
}

/** Removes a site: its scripts, its permission and its entry. */
export async function removeUserSite(key: string): Promise<void> {
  await userSites.setValue((await userSites.getValue()).filter((k) => k !== key));
  await syncCallSiteScripts();
  await browser.permissions.remove({ origins: [userSitePattern(key)] }).catch(() => false);
}

let syncing: Promise<void> = Promise.resolve();

/**
 * Makes the registered scripts match what the user allowed: nothing without consent; otherwise the
 * built-in sites and the added sites that still have their permission, minus sites set to "Never".
 * Runs one at a time in this context; another context syncing at once is tolerated (see `syncOnce`).
 */
export function syncCallSiteScripts(): Promise<void> {
  const run = syncing.then(syncOnce);
  syncing = run.catch(() => undefined);
  return run;
}

/** The registrations the current consent, sites, permissions and modes call for. */
export async function wantedRegistrations(): Promise<Map<string, Registration>> {
  const wanted = new Map<string, Registration>();
  if (!(await hasConsent())) return wanted;
  const modes = await siteModes.getValue();
  const sites: CallSite[] = [...BUILT_IN_SITES];
  for (const key of await userSites.getValue()) {
    if (await browser.permissions.contains({ origins: [userSitePattern(key)] })) sites.push(userSite(key));
  }
  for (const site of sites) {
    if (modes[site.key] === 'never') continue;
    for (const r of registrationsFor(site)) wanted.set(r.id, r);
  }
  return wanted;
}

/** The fields that decide where and how a script runs: a stored registration that differs is replaced. */
const shape = (r: Registration): string =>
  JSON.stringify([r.js, r.world ?? 'ISOLATED', [...(r.matches ?? [])].sort(), r.runAt, !!r.allFrames, !!r.matchOriginAsFallback]);

async function syncOnce(): Promise<void> {
  const wanted = await wantedRegistrations();
  const existing = await chrome.scripting.getRegisteredContentScripts();
  const ours = existing.filter((s) => /^(user|site)-/.test(s.id));
  const stale = ours.filter((s) => !wanted.has(s.id) || shape(wanted.get(s.id)!) !== shape(s)).map((s) => s.id);
  // One at a time: the options page and the background may sync at the same moment, and a script
  // the other already unregistered must not fail the rest.
  for (const id of stale) await chrome.scripting.unregisterContentScripts({ ids: [id] }).catch(() => undefined);
  const kept = new Set(ours.map((s) => s.id).filter((id) => !stale.includes(id)));
  const missing = [...wanted.values()].filter((r) => !kept.has(r.id));
  if (!missing.length) return;
  // All at once (pages loading meanwhile get all of them or none); one by one if another context got there first.
  await chrome.scripting.registerContentScripts(missing).catch(async (e: unknown) => {
    if (!/duplicate/i.test(String(e))) throw e;
    for (const r of missing) {
      await chrome.scripting.registerContentScripts([r]).catch((e2: unknown) => {
        if (!/duplicate/i.test(String(e2))) throw e2;
      });
    }
  });
}
