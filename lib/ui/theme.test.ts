// Protects the page theme: data-theme is set for light and dark, removed for auto, and follows the stored setting.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_SETTINGS, settings } from '../settings/items';
import { applyTheme, watchTheme, type Theme } from './theme';

/** Just enough of an element: its attributes. */
function fakeRoot(initial: Record<string, string> = {}) {
  const attrs = new Map(Object.entries(initial));
  return {
    attrs,
    setAttribute: (name: string, value: string) => void attrs.set(name, value),
    removeAttribute: (name: string) => void attrs.delete(name),
  };
}

describe('applyTheme', () => {
  it('sets data-theme for light and dark', () => {
    const root = fakeRoot();
    applyTheme(root, 'dark');
    expect(root.attrs.get('data-theme')).toBe('dark');
    applyTheme(root, 'light');
    expect(root.attrs.get('data-theme')).toBe('light');
  });

  it('removes data-theme for auto, so the system preference applies', () => {
    const root = fakeRoot({ 'data-theme': 'dark', lang: 'en' });
    applyTheme(root, 'auto');
    expect(root.attrs.has('data-theme')).toBe(false);
    expect(root.attrs.get('lang')).toBe('en');
  });

  it('treats an unknown value as auto', () => {
    const root = fakeRoot({ 'data-theme': 'light' });
    applyTheme(root, 'sepia' as Theme);
    expect(root.attrs.has('data-theme')).toBe(false);
  });
});

describe('watchTheme', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('applies the stored theme, follows changes and stops when asked', async () => {
    await settings.setValue({ ...DEFAULT_SETTINGS, theme: 'dark' });
    const root = fakeRoot();
    const stop = watchTheme(root);
    await vi.waitFor(() => expect(root.attrs.get('data-theme')).toBe('dark'));
    await settings.setValue({ ...DEFAULT_SETTINGS, theme: 'light' });
    await vi.waitFor(() => expect(root.attrs.get('data-theme')).toBe('light'));
    await settings.setValue({ ...DEFAULT_SETTINGS, theme: 'auto' });
    await vi.waitFor(() => expect(root.attrs.has('data-theme')).toBe(false));
    stop();
    await settings.setValue({ ...DEFAULT_SETTINGS, theme: 'dark' });
    await new Promise((r) => setTimeout(r, 20));
    expect(root.attrs.has('data-theme')).toBe(false);
  });

  it('leaves data-theme unset when nothing is stored (auto)', async () => {
    const root = fakeRoot();
    const stop = watchTheme(root);
    await new Promise((r) => setTimeout(r, 20));
    expect(root.attrs.has('data-theme')).toBe(false);
    stop();
  });

  it('applies nothing once stopped, even the first read', async () => {
    await settings.setValue({ ...DEFAULT_SETTINGS, theme: 'dark' });
    const root = fakeRoot();
    watchTheme(root)();
    await new Promise((r) => setTimeout(r, 20));
    expect(root.attrs.has('data-theme')).toBe(false);
  });

  it('reads a hand-edited theme in storage as auto', async () => {
    await settings.setValue({ ...DEFAULT_SETTINGS, theme: 'dark' });
    const root = fakeRoot();
    const stop = watchTheme(root);
    await vi.waitFor(() => expect(root.attrs.get('data-theme')).toBe('dark'));
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, theme: 'neon' } });
    await vi.waitFor(() => expect(root.attrs.has('data-theme')).toBe(false));
    stop();
  });
});
