// Protects which pages get Selfview's call scripts: nothing before the user agreed (and nothing once
// they withdraw); then the built-in sites and the added sites that have their permission, minus sites
// set to "Never", each with the MAIN-world hook and the isolated capture script in every frame; a
// stored registration of another shape is replaced; and only Selfview's own ("user-"/"site-") ids are touched.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Scripting } from 'webextension-polyfill';
import { CONSENT_TEXT_VERSION, consent } from '../consent/items';
import { BUILT_IN_SITES, userSite } from './call-sites';
import { siteModes, userSites } from './items';
import { CALL_SCRIPTS, addUserSite, registrationsFor, removeUserSite, syncCallSiteScripts } from './registration';

const JITSI = 'https://jitsi.corp';
const LOCAL = 'http://localhost';
const site = (key: string) => BUILT_IN_SITES.find((s) => s.key === key)!;

/** In-memory browser: granted origin patterns, the user's answer to a prompt, registered scripts. */
let granted: Set<string>;
let answer: boolean;
let registry: Map<string, Scripting.RegisteredContentScript>;

const registeredIds = (): string[] => [...registry.keys()].sort();
const userRegistered = (): Scripting.RegisteredContentScript[] => [...registry.values()].filter((r) => r.id.startsWith('user-'));
const idsOf = (...keys: string[]): string[] => keys.flatMap((k) => registrationsFor(userSite(k)).map((r) => r.id)).sort();
const BUILT_IN_IDS = BUILT_IN_SITES.flatMap((s) => registrationsFor(s).map((r) => r.id)).sort();
const agree = (): Promise<void> => consent.setValue({ agreedAt: 1_700_000_000_000, text: CONSENT_TEXT_VERSION });

function stubBrowser() {
  granted = new Set();
  answer = true;
  registry = new Map();
  const permissions = {
    request: vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(async ({ origins = [] }) => {
      if (answer) for (const o of origins) granted.add(o);
      return answer;
    }),
    contains: vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async ({ origins = [] }) => origins.every((o) => granted.has(o))),
    remove: vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation(async ({ origins = [] }) => origins.some((o) => granted.delete(o))),
  };
  // `chrome` is the fake browser in WXT's test setup; like Chrome, refuse a duplicate id or an unknown one.
  const scripting = {
    get: vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation(async () => structuredClone([...registry.values()])),
    register: vi.spyOn(fakeBrowser.scripting, 'registerContentScripts').mockImplementation(async (scripts) => {
      const ids = scripts.map((s) => s.id);
      if (new Set(ids).size !== ids.length || ids.some((id) => registry.has(id))) throw new Error(`Duplicate script ID in ${ids.join(', ')}`);
      for (const s of scripts) registry.set(s.id, structuredClone(s));
    }),
    unregister: vi.spyOn(fakeBrowser.scripting, 'unregisterContentScripts').mockImplementation(async (filter) => {
      const ids = filter?.ids ?? [...registry.keys()];
      if (ids.some((id) => !registry.has(id))) throw new Error(`Nonexistent script ID in ${ids.join(', ')}`);
      for (const id of ids) registry.delete(id);
    }),
  };
  return { permissions, scripting };
}

let api: ReturnType<typeof stubBrowser>;
beforeEach(() => {
  fakeBrowser.reset();
  api = stubBrowser();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('registrationsFor', () => {
  it('gives the MAIN-world hook and the isolated capture script, in every frame from document_start, persisting, for every path of the origin', () => {
    const [hook, capture, ...rest] = registrationsFor(userSite(JITSI));
    expect(rest).toEqual([]);
    const common = { matches: ['https://jitsi.corp/*'], runAt: 'document_start', allFrames: true, matchOriginAsFallback: true, persistAcrossSessions: true };
    expect(hook).toEqual({ id: expect.stringMatching(/^user-hook-/), js: [CALL_SCRIPTS.hook], world: 'MAIN', ...common });
    expect(capture).toEqual({ id: expect.stringMatching(/^user-capture-/), js: [CALL_SCRIPTS.capture], ...common });
    // The capture script runs in the isolated world (Chrome's default), never in the page's.
    expect(capture!.world ?? 'ISOLATED').toBe('ISOLATED');
  });

  it('names built-in sites "site-" and gives a multi-origin site one pair', () => {
    expect(registrationsFor(site('meet')).map((r) => r.id)).toEqual(['site-hook-meet', 'site-capture-meet']);
    expect(registrationsFor(site('teams')).map((r) => r.matches)).toEqual([site('teams').matches, site('teams').matches]);
  });

  it("gives Zoom's narrow /wc/ pattern its own pair, without the origin fallback it cannot have", () => {
    const zoom = registrationsFor(site('zoom'));
    expect(zoom.map((r) => [r.id, r.matches, r.matchOriginAsFallback ?? false, r.allFrames])).toEqual([
      ['site-hook-zoom', ['https://app.zoom.us/*'], true, true],
      ['site-capture-zoom', ['https://app.zoom.us/*'], true, true],
      ['site-hook-path-zoom', ['https://*.zoom.us/wc/*'], false, true],
      ['site-capture-path-zoom', ['https://*.zoom.us/wc/*'], false, true],
    ]);
    expect(zoom.map((r) => r.world ?? 'ISOLATED')).toEqual(['MAIN', 'ISOLATED', 'MAIN', 'ISOLATED']);
  });

  it('has stable ids that differ per kind and per site, even for hosts that differ only in punctuation or scheme', () => {
    expect(idsOf(JITSI)).toEqual(idsOf(JITSI));
    const keys = [JITSI, 'https://jitsi.corp.example', 'https://a-b.example.org', 'https://a.b.example.org', 'https://a_b.example.org', LOCAL, 'https://localhost', 'http://127.0.0.1', 'http://[::1]'];
    const ids = idsOf(...keys);
    expect(new Set([...ids, ...BUILT_IN_IDS]).size).toBe(keys.length * 2 + BUILT_IN_IDS.length);
    for (const id of ids) expect(id).toMatch(/^user-(hook|capture)-[A-Za-z0-9_]+$/);
  });
});

describe('before the user agreed', () => {
  it('registers nothing at all, not even for a site added with its permission', async () => {
    await syncCallSiteScripts();
    expect(await addUserSite('jitsi.corp')).toBe(JITSI);
    expect(registry.size).toBe(0);
    expect(api.scripting.register).not.toHaveBeenCalled();
    // Agreeing brings the built-in sites and the added one.
    await agree();
    await syncCallSiteScripts();
    expect(registeredIds()).toEqual([...BUILT_IN_IDS, ...idsOf(JITSI)].sort());
  });

  it('unregisters everything of its own when consent is withdrawn, and nothing else', async () => {
    const foreign: Scripting.RegisteredContentScript = { id: 'built-in-thing', matches: ['https://jitsi.corp/*'], js: ['x.js'] };
    registry.set(foreign.id, foreign);
    await agree();
    await addUserSite('jitsi.corp');
    expect(registry.size).toBe(BUILT_IN_IDS.length + 3);
    await consent.setValue({ agreedAt: null, text: CONSENT_TEXT_VERSION });
    await syncCallSiteScripts();
    expect([...registry.values()]).toEqual([foreign]);
  });
});

describe('syncCallSiteScripts after consent', () => {
  beforeEach(agree);

  it('registers the built-in sites in one call (a page gets all or none), and does nothing when everything is in place', async () => {
    await syncCallSiteScripts();
    expect(registeredIds()).toEqual(BUILT_IN_IDS);
    expect(registry.get('site-hook-meet')).toEqual(registrationsFor(site('meet'))[0]);
    expect(api.scripting.register).toHaveBeenCalledTimes(1);
    api.scripting.register.mockClear();
    await syncCallSiteScripts();
    expect(api.scripting.register).not.toHaveBeenCalled();
    expect(api.scripting.unregister).not.toHaveBeenCalled();
  });

  it('skips sites set to "Never", built-in or added, and brings them back on another mode', async () => {
    await addUserSite('jitsi.corp');
    await siteModes.setValue({ zoom: 'never', meet: 'auto', [JITSI]: 'never' });
    await syncCallSiteScripts();
    expect(registeredIds()).toEqual(BUILT_IN_IDS.filter((id) => !id.endsWith('-zoom')));
    expect(registry.has('site-hook-meet')).toBe(true);
    await siteModes.setValue({ [JITSI]: 'ask' });
    await syncCallSiteScripts();
    expect(registeredIds()).toEqual([...BUILT_IN_IDS, ...idsOf(JITSI)].sort());
  });

  it('replaces a stored registration of another shape (an older version without allFrames)', async () => {
    const [hook, capture] = registrationsFor(site('meet'));
    registry.set(hook!.id, { ...hook!, allFrames: false, matchOriginAsFallback: false } as Scripting.RegisteredContentScript);
    registry.set(capture!.id, structuredClone(capture!) as Scripting.RegisteredContentScript);
    await syncCallSiteScripts();
    expect(registry.get(hook!.id)).toEqual(hook);
    expect(api.scripting.unregister.mock.calls.map((c) => c[0]?.ids)).toEqual([[hook!.id]]);
    expect(api.scripting.register.mock.calls.map((c) => c[0][0]!.id)).not.toContain(capture!.id);
  });

  it('removes leftover scripts of its own for unknown sites (an old id format)', async () => {
    registry.set('user-hook-https___old_example', { id: 'user-hook-https___old_example', matches: ['https://old.example/*'], js: [CALL_SCRIPTS.hook] });
    registry.set('site-hook-gone', { id: 'site-hook-gone', matches: ['https://gone.example/*'], js: [CALL_SCRIPTS.hook] });
    await syncCallSiteScripts();
    expect(registeredIds()).toEqual(BUILT_IN_IDS);
  });

  it('tolerates scripts another context registered meanwhile, but not other errors', async () => {
    await syncCallSiteScripts();
    api.scripting.get.mockResolvedValueOnce([]); // the options page registered them after we looked
    await expect(syncCallSiteScripts()).resolves.toBeUndefined();
    expect(registeredIds()).toEqual(BUILT_IN_IDS);
    registry.clear();
    api.scripting.register.mockRejectedValueOnce(new Error("Invalid value for 'matches'"));
    await expect(syncCallSiteScripts()).rejects.toThrow('matches');
    await syncCallSiteScripts(); // the next sync is not blocked by the failed one
    expect(registeredIds()).toEqual(BUILT_IN_IDS);
  });

  it('runs overlapping syncs one after another', async () => {
    await Promise.all([syncCallSiteScripts(), syncCallSiteScripts(), syncCallSiteScripts()]);
    expect(registeredIds()).toEqual(BUILT_IN_IDS);
    expect(api.scripting.register).toHaveBeenCalledTimes(1);
  });

  it('unregisters the scripts of a site whose permission was withdrawn, keeps the others, and restores them with it', async () => {
    await addUserSite('jitsi.corp');
    await addUserSite('http://localhost');
    granted.delete('https://jitsi.corp/*');
    await syncCallSiteScripts();
    expect(userRegistered().map((r) => r.id).sort()).toEqual(idsOf(LOCAL));
    // The site stays listed: its scripts come back once the permission is granted again.
    expect(await userSites.getValue()).toEqual([JITSI, LOCAL]);
    granted.add('https://jitsi.corp/*');
    await syncCallSiteScripts();
    expect(userRegistered().map((r) => r.id).sort()).toEqual(idsOf(JITSI, LOCAL));
  });

  it('registers nothing for a listed site without its permission, or no longer listed', async () => {
    await userSites.setValue([JITSI]);
    await syncCallSiteScripts();
    expect(userRegistered()).toEqual([]);
    await addUserSite('jitsi.corp');
    await userSites.setValue([]);
    await syncCallSiteScripts();
    expect(registeredIds()).toEqual(BUILT_IN_IDS);
  });
});

describe('addUserSite and removeUserSite', () => {
  beforeEach(agree);

  it.each(['', 'ftp://files.example.org', 'http://meet.example.org', '*.example.org', 'not a url'])('refuses %j with a plain message and asks for nothing', async (input) => {
    await expect(addUserSite(input)).rejects.toThrow('Enter a web address such as https://meet.example.org (http only for localhost).');
    expect(api.permissions.request).not.toHaveBeenCalled();
    expect(api.scripting.register).not.toHaveBeenCalled();
    expect(await userSites.getValue()).toEqual([]);
  });

  it('stores and registers nothing when the permission is refused', async () => {
    answer = false;
    await expect(addUserSite('jitsi.corp')).rejects.toThrow(`Permission for ${JITSI} was not granted, so Selfview cannot run there.`);
    expect(api.permissions.request).toHaveBeenCalledExactlyOnceWith({ origins: ['https://jitsi.corp/*'] });
    expect(await fakeBrowser.storage.local.get('userSites')).toEqual({});
    expect(registry.size).toBe(0);
  });

  it('with the permission, stores the normalised key once and registers exactly its two scripts', async () => {
    expect(await addUserSite('https://jitsi.corp:8443/room?x')).toBe(JITSI);
    expect(api.permissions.request).toHaveBeenCalledExactlyOnceWith({ origins: ['https://jitsi.corp/*'] });
    expect(userRegistered()).toEqual(registrationsFor(userSite(JITSI)));
    api.scripting.register.mockClear();
    await addUserSite('https://JITSI.corp/other-room');
    expect(await userSites.getValue()).toEqual([JITSI]);
    expect(api.scripting.register).not.toHaveBeenCalled();
  });

  it('adds sites in order, each with its own scripts, including two hosts that differ only in punctuation', async () => {
    for (const input of ['a-b.example.org', 'a.b.example.org', 'http://localhost:3000']) await addUserSite(input);
    expect(await userSites.getValue()).toEqual(['https://a-b.example.org', 'https://a.b.example.org', LOCAL]);
    expect(userRegistered().map((r) => r.id).sort()).toEqual(idsOf('https://a-b.example.org', 'https://a.b.example.org', LOCAL));
    for (const key of ['https://a-b.example.org', 'https://a.b.example.org']) {
      for (const r of registrationsFor(userSite(key))) expect(registry.get(r.id)?.matches).toEqual([`${key}/*`]);
    }
  });

  it('removes a site: its entry, its scripts and its permission, leaving the others; even when giving the permission back fails', async () => {
    await addUserSite('jitsi.corp');
    await addUserSite('http://localhost');
    await removeUserSite(JITSI);
    expect(await userSites.getValue()).toEqual([LOCAL]);
    expect(registeredIds()).toEqual([...BUILT_IN_IDS, ...idsOf(LOCAL)].sort());
    expect(api.permissions.remove).toHaveBeenCalledExactlyOnceWith({ origins: ['https://jitsi.corp/*'] });
    expect([...granted]).toEqual(['http://localhost/*']);
    api.permissions.remove.mockRejectedValueOnce(new Error('Cannot remove required permission'));
    await expect(removeUserSite(LOCAL)).resolves.toBeUndefined();
    expect(await userSites.getValue()).toEqual([]);
    expect(userRegistered()).toEqual([]);
  });
});
