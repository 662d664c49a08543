// Protects the per-site start mode: a site without a valid stored mode asks before analysing.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { modeOf, siteModes, userSites, type SiteMode } from './items';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('modeOf', () => {
  it("is 'ask' when nothing is stored", async () => {
    expect(await modeOf('meet')).toBe('ask');
    expect(await modeOf('https://jitsi.corp')).toBe('ask');
  });

  it('returns the stored mode of that site only', async () => {
    await siteModes.setValue({ meet: 'auto', 'https://jitsi.corp': 'never', zoom: 'ask' });
    expect(await modeOf('meet')).toBe('auto');
    expect(await modeOf('https://jitsi.corp')).toBe('never');
    expect(await modeOf('zoom')).toBe('ask');
    expect(await modeOf('teams')).toBe('ask');
  });

  it('reads what is stored under local:siteModes', async () => {
    await fakeBrowser.storage.local.set({ siteModes: { whereby: 'auto' } });
    expect(await modeOf('whereby')).toBe('auto');
  });

  it("treats junk stored values as 'ask'", async () => {
    const junk = ['AUTO', 'always', '', null, 1, true, {}, ['auto']] as unknown as SiteMode[];
    await siteModes.setValue(Object.fromEntries(junk.map((v, i) => [`site${i}`, v])));
    for (let i = 0; i < junk.length; i++) expect(await modeOf(`site${i}`), JSON.stringify(junk[i])).toBe('ask');
  });

  it("does not read a mode from the object's prototype", async () => {
    expect(await modeOf('constructor')).toBe('ask');
    expect(await modeOf('__proto__')).toBe('ask');
  });
});

describe('userSites', () => {
  it('is empty by default and keeps the order sites were added in', async () => {
    expect(await userSites.getValue()).toEqual([]);
    await userSites.setValue(['https://b.example', 'https://a.example']);
    expect(await userSites.getValue()).toEqual(['https://b.example', 'https://a.example']);
  });
});
