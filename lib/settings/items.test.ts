// Protects the stored settings: defaults when nothing is stored, a faithful round trip, and sanitising of user-set values.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_SETTINGS, sanitizeSettings, settings, type Settings } from './items';

describe('settings item', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('returns the defaults when nothing is stored', async () => {
    expect(await settings.getValue()).toEqual({ sampleFps: 10, delegate: 'auto', overlay: false, callFps: 5, theme: 'auto' });
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({});
  });

  it('stores and reads back a value under local:settings', async () => {
    const value: Settings = { sampleFps: 15, delegate: 'cpu', overlay: true, callFps: 5, theme: 'auto' };
    await settings.setValue(value);
    expect(await settings.getValue()).toEqual(value);
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual(value);
  });

  it('starts from the defaults again after a reset (tests do not leak into each other)', async () => {
    await settings.setValue({ sampleFps: 3, delegate: 'gpu', overlay: true, callFps: 5, theme: 'auto' });
    fakeBrowser.reset();
    expect(await settings.getValue()).toEqual(DEFAULT_SETTINGS);
  });

  it('falls back to the defaults after removal', async () => {
    await settings.setValue({ sampleFps: 3, delegate: 'gpu', overlay: true, callFps: 5, theme: 'auto' });
    await settings.removeValue();
    expect(await settings.getValue()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('sanitizeSettings', () => {
  it('keeps valid values', () => {
    expect(sanitizeSettings({ sampleFps: 12, delegate: 'gpu', overlay: true, callFps: 5, theme: 'auto' })).toEqual({ sampleFps: 12, delegate: 'gpu', overlay: true, callFps: 5, theme: 'auto' });
    expect(sanitizeSettings({ sampleFps: 1, delegate: 'cpu' })).toEqual({ sampleFps: 1, delegate: 'cpu', overlay: false, callFps: 5, theme: 'auto' });
    expect(sanitizeSettings({ sampleFps: 30, delegate: 'auto', overlay: 'yes' as unknown as boolean })).toEqual({ sampleFps: 30, delegate: 'auto', overlay: false, callFps: 5, theme: 'auto' });
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

  it('gives the defaults for an empty object', () => {
    expect(sanitizeSettings({})).toEqual(DEFAULT_SETTINGS);
  });
});

describe('settings migrations', () => {
  it('upgrades stored version-1 settings to version 3: overlay off, calls at 5 fps, theme auto', async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({ settings: { sampleFps: 7, delegate: 'cpu' }, settings$: { v: 1 } });
    vi.resetModules();
    const fresh = await import('./items');
    expect(await fresh.settings.getValue()).toEqual({ sampleFps: 7, delegate: 'cpu', overlay: false, callFps: 5, theme: 'auto' });
    expect((await fakeBrowser.storage.local.get('settings$')).settings$).toEqual({ v: 3 });
  });
});
