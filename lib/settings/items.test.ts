// Protects the stored settings: defaults when nothing is stored, a faithful round trip, and sanitising of user-set values.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_SETTINGS, sanitizeSettings, settings, type Settings } from './items';

describe('settings item', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('returns the defaults when nothing is stored', async () => {
    expect(await settings.getValue()).toEqual({ sampleFps: 10, delegate: 'auto', overlay: false, callFps: 5, theme: 'auto', cpuBudget: 0.33 });
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({});
  });

  it('stores and reads back a value under local:settings', async () => {
    const value: Settings = { sampleFps: 15, delegate: 'cpu', overlay: true, callFps: 5, theme: 'auto', cpuBudget: 0.33 };
    await settings.setValue(value);
    expect(await settings.getValue()).toEqual(value);
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual(value);
  });

  it('starts from the defaults again after a reset (tests do not leak into each other)', async () => {
    await settings.setValue({ sampleFps: 3, delegate: 'gpu', overlay: true, callFps: 5, theme: 'auto', cpuBudget: 0.33 });
    fakeBrowser.reset();
    expect(await settings.getValue()).toEqual(DEFAULT_SETTINGS);
  });

  it('falls back to the defaults after removal', async () => {
    await settings.setValue({ sampleFps: 3, delegate: 'gpu', overlay: true, callFps: 5, theme: 'auto', cpuBudget: 0.33 });
    await settings.removeValue();
    expect(await settings.getValue()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('sanitizeSettings', () => {
  it('keeps valid values', () => {
    expect(sanitizeSettings({ sampleFps: 12, delegate: 'gpu', overlay: true, callFps: 5, theme: 'auto', cpuBudget: 0.33 })).toEqual({ sampleFps: 12, delegate: 'gpu', overlay: true, callFps: 5, theme: 'auto', cpuBudget: 0.33 });
    expect(sanitizeSettings({ sampleFps: 1, delegate: 'cpu' })).toEqual({ sampleFps: 1, delegate: 'cpu', overlay: false, callFps: 5, theme: 'auto', cpuBudget: 0.33 });
    expect(sanitizeSettings({ sampleFps: 30, delegate: 'auto', overlay: 'yes' as unknown as boolean })).toEqual({ sampleFps: 30, delegate: 'auto', overlay: false, callFps: 5, theme: 'auto', cpuBudget: 0.33 });
  });

  it('bounds the frame rate to 1..30 whole frames per second', () => {
    expect(sanitizeSettings({ sampleFps: 0 }).sampleFps).toBe(1);
    expect(sanitizeSettings({ sampleFps: -5 }).sampleFps).toBe(1);
    expect(sanitizeSettings({ sampleFps: 31 }).sampleFps).toBe(30);
    expect(sanitizeSettings({ sampleFps: 1e9 }).sampleFps).toBe(30);
    expect(sanitizeSettings({ sampleFps: 7.6 }).sampleFps).toBe(8);
  });

  it('falls back to the default frame rate for NaN, infinities and non-numbers', () => {
    for (const bad of [NaN, Infinity, -Infinity, 'fast', undefined, {}]) {
      expect(sanitizeSettings({ sampleFps: bad as unknown as number }).sampleFps, String(bad)).toBe(DEFAULT_SETTINGS.sampleFps);
    }
    expect(sanitizeSettings({ sampleFps: '20' as unknown as number }).sampleFps).toBe(20); // a numeric string is read as its number
    for (const empty of [null, '', true]) expect(sanitizeSettings({ sampleFps: empty as unknown as number }).sampleFps).toBe(DEFAULT_SETTINGS.sampleFps);
  });

  it('turns an unknown delegate into auto', () => {
    for (const bad of ['GPU', 'webgl', '', null, 1, undefined]) {
      expect(sanitizeSettings({ delegate: bad as unknown as Settings['delegate'] }).delegate, String(bad)).toBe('auto');
    }
  });

  it('bounds the CPU budget to 10–100% of a core in whole percent, and falls back to a third for non-numbers', () => {
    expect(sanitizeSettings({ cpuBudget: 0.5 }).cpuBudget).toBe(0.5);
    expect(sanitizeSettings({ cpuBudget: 0.05 }).cpuBudget).toBe(0.1);
    expect(sanitizeSettings({ cpuBudget: 0 }).cpuBudget).toBe(0.1);
    expect(sanitizeSettings({ cpuBudget: 4 }).cpuBudget).toBe(1);
    expect(sanitizeSettings({ cpuBudget: 0.3333 }).cpuBudget).toBe(0.33);
    expect(sanitizeSettings({ cpuBudget: '0.75' as unknown as number }).cpuBudget).toBe(0.75);
    for (const bad of [NaN, Infinity, -Infinity, null, '', true, 'half', {}, undefined]) {
      expect(sanitizeSettings({ cpuBudget: bad as unknown as number }).cpuBudget, String(bad)).toBe(0.33);
    }
  });

  it('gives the defaults for an empty object', () => {
    expect(sanitizeSettings({})).toEqual(DEFAULT_SETTINGS);
  });
});

describe('settings migrations', () => {
  it('upgrades stored version-1 settings to version 4: overlay off, calls at 5 fps, theme auto, a third of a core', async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({ settings: { sampleFps: 7, delegate: 'cpu' }, settings$: { v: 1 } });
    vi.resetModules();
    const fresh = await import('./items');
    expect(await fresh.settings.getValue()).toEqual({ sampleFps: 7, delegate: 'cpu', overlay: false, callFps: 5, theme: 'auto', cpuBudget: 0.33 });
    expect((await fakeBrowser.storage.local.get('settings$')).settings$).toEqual({ v: 4 });
  });

  it('upgrades stored version-3 settings to version 4, keeping every choice and adding the default CPU budget', async () => {
    fakeBrowser.reset();
    const v3 = { sampleFps: 15, delegate: 'gpu', overlay: true, callFps: 8, theme: 'dark' };
    await fakeBrowser.storage.local.set({ settings: v3, settings$: { v: 3 } });
    vi.resetModules();
    const fresh = await import('./items');
    expect(await fresh.settings.getValue()).toEqual({ ...v3, cpuBudget: 0.33 });
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual({ ...v3, cpuBudget: 0.33 });
    expect((await fakeBrowser.storage.local.get('settings$')).settings$).toEqual({ v: 4 });
  });
});
