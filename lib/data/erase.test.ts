// Protects "delete everything": the database is emptied either way; only with the settings option are the user's sites removed (scripts unregistered, permission given back) and every stored setting, the baseline and the consent cleared.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { hasConsent } from '../consent/items';
import { getDB } from '../db/schema';
import { createSession } from '../db/sessions';
import { userSitePattern } from '../sites/call-sites';
import { addUserSite } from '../sites/registration';
import { eraseEverything } from './erase';

const db = getDB();
let granted: Set<string>;
let registered: Map<string, unknown>;

beforeEach(async () => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  // The browser's permission and script registry, in memory (as in lib/sites/registration.test.ts).
  granted = new Set();
  registered = new Map();
  vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(async ({ origins = [] }) => (origins.forEach((o) => granted.add(o)), true));
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async ({ origins = [] }) => origins.every((o) => granted.has(o)));
  vi.spyOn(fakeBrowser.permissions, 'remove').mockImplementation(async ({ origins = [] }) => origins.map((o) => granted.delete(o)).some(Boolean));
  vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation(async () => [...registered.values()] as never);
  vi.spyOn(fakeBrowser.scripting, 'registerContentScripts').mockImplementation(async (xs) => void xs.forEach((x) => registered.set(x.id, x)));
  vi.spyOn(fakeBrowser.scripting, 'unregisterContentScripts').mockImplementation(async (f) => void f?.ids?.forEach((id) => registered.delete(id)));

  await Promise.all(db.tables.map((t) => t.clear()));
  await createSession(db, { id: 's1', site: 'meet', startedAt: 1, settings: { sampleFps: 5 } });
  await db.goals.add({ id: 'g', cue: 'smiling', direction: 'atLeast', target: 0.2, createdAt: 1, archivedAt: null });
  await db.meta.put({ key: 'encryption', value: {} });
  await fakeBrowser.storage.local.set({ consent: { agreedAt: 1, text: 1 }, settings: { sampleFps: 20 }, baseline: { id: 'b' }, retention: { days: 30 } });
  await addUserSite('https://jitsi.corp');
});

const tableCounts = async () => Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.count()])));

describe('eraseEverything', () => {
  it('empties the database and keeps settings, sites and consent without the option', async () => {
    await eraseEverything({ alsoSettings: false });
    expect(Object.values(await tableCounts()).every((n) => n === 0)).toBe(true);
    expect(await hasConsent()).toBe(true);
    // The built-in sites' scripts and the added site's (consent was given before).
    expect([...registered.keys()].filter((id) => id.startsWith('user-'))).toHaveLength(2);
    expect([...registered.keys()].filter((id) => id.startsWith('site-')).length).toBeGreaterThan(0);
    expect(await fakeBrowser.storage.local.get(['settings', 'retention', 'userSites'])).toEqual({ settings: { sampleFps: 20 }, retention: { days: 30 }, userSites: ['https://jitsi.corp'] });
  });

  it('with the option also removes the sites (scripts and permission) and every stored setting, so consent is asked again', async () => {
    expect(granted.has(userSitePattern('https://jitsi.corp'))).toBe(true);
    await eraseEverything({ alsoSettings: true });
    expect(Object.values(await tableCounts()).every((n) => n === 0)).toBe(true);
    expect(registered.size).toBe(0);
    expect(granted.size).toBe(0);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await hasConsent()).toBe(false);
  });
});
