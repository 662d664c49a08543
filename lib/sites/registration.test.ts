// Protects user-added call sites: a site is stored and gets its two content scripts only with the user's permission, and sync/remove keep the registered scripts equal to the sites still allowed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Scripting } from 'webextension-polyfill';
import { userSites } from './items';
import { CALL_SCRIPTS, addUserSite, registrationsFor, removeUserSite, syncUserSiteScripts } from './registration';

const JITSI = 'https://jitsi.corp';
const LOCAL = 'http://localhost';

/** In-memory browser: granted origin patterns, the user's answer to a prompt, registered scripts. */
let granted: Set<string>;
let answer: boolean;
let registry: Map<string, Scripting.RegisteredContentScript>;

const registeredIds = (): string[] => [...registry.keys()].sort();
const idsOf = (...keys: string[]): string[] => keys.flatMap((k) => registrationsFor(k).map((r) => r.id)).sort();

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
    remove: vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation(async ({ origins = [] }) => {
      const had = origins.some((o) => granted.delete(o));
      return had;
    }),
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
  it('gives the MAIN-world hook and the isolated capture script, at document_start, persisting, for every path of the origin', () => {
    const [hook, capture, ...rest] = registrationsFor(JITSI);
    expect(rest).toEqual([]);
    expect(hook).toEqual({ id: expect.stringMatching(/^user-hook-/), matches: ['https://jitsi.corp/*'], js: [CALL_SCRIPTS.hook], runAt: 'document_start', world: 'MAIN', persistAcrossSessions: true });
    expect(capture).toEqual({ id: expect.stringMatching(/^user-capture-/), matches: ['https://jitsi.corp/*'], js: [CALL_SCRIPTS.capture], runAt: 'document_start', persistAcrossSessions: true });
    // The capture script runs in the isolated world (Chrome's default), never in the page's.
    expect(capture!.world ?? 'ISOLATED').toBe('ISOLATED');
  });

  it('has ids that are stable across calls', () => {
    expect(registrationsFor(JITSI).map((r) => r.id)).toEqual(registrationsFor(JITSI).map((r) => r.id));
  });

  it('has ids that differ per kind and per site, even for hosts that differ only in punctuation or scheme', () => {
    const keys = [JITSI, 'https://jitsi.corp.example', 'https://a-b.example.org', 'https://a.b.example.org', 'https://a_b.example.org', LOCAL, 'https://localhost', 'http://127.0.0.1', 'http://[::1]'];
    const ids = keys.flatMap((k) => registrationsFor(k).map((r) => r.id));
    expect(new Set(ids).size).toBe(keys.length * 2);
    for (const id of ids) expect(id).toMatch(/^user-(hook|capture)-[A-Za-z0-9_]+$/);
  });
});

describe('addUserSite', () => {
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
    expect(await userSites.getValue()).toEqual([]);
    expect(await fakeBrowser.storage.local.get('userSites')).toEqual({});
    expect(registry.size).toBe(0);
    expect(api.scripting.register).not.toHaveBeenCalled();
  });

  it('with the permission, stores the normalised key and registers exactly its two scripts', async () => {
    expect(await addUserSite('https://jitsi.corp:8443/room?x')).toBe(JITSI);
    expect(api.permissions.request).toHaveBeenCalledExactlyOnceWith({ origins: ['https://jitsi.corp/*'] });
    expect(await userSites.getValue()).toEqual([JITSI]);
    expect([...registry.values()]).toEqual(registrationsFor(JITSI));
  });

  it('keeps one entry and two scripts when the same site is added twice', async () => {
    await addUserSite('jitsi.corp');
    await addUserSite('https://JITSI.corp/other-room');
    expect(await userSites.getValue()).toEqual([JITSI]);
    expect(registeredIds()).toEqual(idsOf(JITSI));
    expect(api.scripting.register).toHaveBeenCalledTimes(1);
  });

  it('adds sites in order, each with its own scripts, including two hosts that differ only in punctuation', async () => {
    await addUserSite('a-b.example.org');
    await addUserSite('a.b.example.org');
    await addUserSite('http://localhost:3000');
    expect(await userSites.getValue()).toEqual(['https://a-b.example.org', 'https://a.b.example.org', LOCAL]);
    expect(registeredIds()).toEqual(idsOf('https://a-b.example.org', 'https://a.b.example.org', LOCAL));
    expect(registry.size).toBe(6);
    for (const key of ['https://a-b.example.org', 'https://a.b.example.org']) {
      for (const r of registrationsFor(key)) expect(registry.get(r.id)?.matches).toEqual([`${key}/*`]);
    }
  });
});

describe('syncUserSiteScripts', () => {
  const FOREIGN: Scripting.RegisteredContentScript = { id: 'built-in-thing', matches: ['https://jitsi.corp/*'], js: ['x.js'] };

  it('unregisters the scripts of a site whose permission was withdrawn, and keeps the others', async () => {
    await addUserSite('jitsi.corp');
    await addUserSite('http://localhost');
    granted.delete('https://jitsi.corp/*');
    await syncUserSiteScripts();
    expect(registeredIds()).toEqual(idsOf(LOCAL));
    expect(api.scripting.unregister.mock.lastCall?.[0]?.ids?.toSorted()).toEqual(idsOf(JITSI));
    // The site stays listed: its scripts come back once the permission is granted again.
    expect(await userSites.getValue()).toEqual([JITSI, LOCAL]);
    granted.add('https://jitsi.corp/*');
    await syncUserSiteScripts();
    expect(registeredIds()).toEqual(idsOf(JITSI, LOCAL));
  });

  it('unregisters the scripts of a site no longer in the list', async () => {
    await addUserSite('jitsi.corp');
    await addUserSite('http://localhost');
    await userSites.setValue([LOCAL]);
    await syncUserSiteScripts();
    expect(registeredIds()).toEqual(idsOf(LOCAL));
  });

  it('never touches a registration whose id does not start with "user-"', async () => {
    registry.set(FOREIGN.id, FOREIGN);
    await addUserSite('jitsi.corp');
    await userSites.setValue([]);
    await syncUserSiteScripts();
    expect([...registry.values()]).toEqual([FOREIGN]);
    for (const call of api.scripting.unregister.mock.calls) expect(call[0]?.ids).not.toContain(FOREIGN.id);
  });

  it('removes leftover user scripts of an unknown site (e.g. an old id format)', async () => {
    registry.set('user-hook-https___old_example', { id: 'user-hook-https___old_example', matches: ['https://old.example/*'], js: [CALL_SCRIPTS.hook] });
    await addUserSite('jitsi.corp');
    expect(registeredIds()).toEqual(idsOf(JITSI));
  });

  it('registers what is missing, and does nothing when everything is in place', async () => {
    await userSites.setValue([JITSI]);
    granted.add('https://jitsi.corp/*');
    await syncUserSiteScripts();
    expect([...registry.values()]).toEqual(registrationsFor(JITSI));
    api.scripting.register.mockClear();
    api.scripting.unregister.mockClear();
    await syncUserSiteScripts();
    expect(api.scripting.register).not.toHaveBeenCalled();
    expect(api.scripting.unregister).not.toHaveBeenCalled();
    expect(registeredIds()).toEqual(idsOf(JITSI));
  });

  it('registers nothing for a listed site without its permission', async () => {
    await userSites.setValue([JITSI]);
    await syncUserSiteScripts();
    expect(registry.size).toBe(0);
  });
});

describe('removeUserSite', () => {
  it('drops the entry, unregisters its scripts and gives its permission back, leaving other sites alone', async () => {
    await addUserSite('jitsi.corp');
    await addUserSite('http://localhost');
    await removeUserSite(JITSI);
    expect(await userSites.getValue()).toEqual([LOCAL]);
    expect(registeredIds()).toEqual(idsOf(LOCAL));
    expect(api.permissions.remove).toHaveBeenCalledExactlyOnceWith({ origins: ['https://jitsi.corp/*'] });
    expect([...granted]).toEqual(['http://localhost/*']);
  });

  it('still removes the site when giving the permission back fails', async () => {
    await addUserSite('jitsi.corp');
    api.permissions.remove.mockRejectedValueOnce(new Error('Cannot remove required permission'));
    await expect(removeUserSite(JITSI)).resolves.toBeUndefined();
    expect(await userSites.getValue()).toEqual([]);
    expect(registry.size).toBe(0);
  });
});
