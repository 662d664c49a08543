/**
 * Settings, as versioned WXT storage items. Each later feature adds its fields here with a version
 * bump and a migration, so stored settings from any earlier version keep working.
 */
import { storage } from 'wxt/utils/storage';
import type { DelegatePreference } from '../engine/delegate';

/** Analysis settings. */
export interface Settings {
  /** Frames per second sent to the engine from a live camera (it may analyse fewer when slow). */
  sampleFps: number;
  /** Which MediaPipe delegate to run ('auto' = CPU unless a hardware GPU is present). */
  delegate: DelegatePreference;
  /** Show the private in-page badge during an analysed call (v2). */
  overlay: boolean;
  /** Frames per second analysed during a call (v3): lower than practice, a call is long and shares the CPU. */
  callFps: number;
  /** Colour theme of Selfview's pages (v3). */
  theme: 'auto' | 'light' | 'dark';
}

/** Defaults: 10 fps catches blinks (100–400 ms) without keeping a core busy; no in-page badge. */
export const DEFAULT_SETTINGS: Settings = { sampleFps: 10, delegate: 'auto', overlay: false, callFps: 5, theme: 'auto' };

const boundedFps = (raw: unknown, max: number, fallback: number): number => {
  // null and '' would read as 0; only real numbers (or numeric strings from an old store) count.
  const fps = raw === null || raw === '' || typeof raw === 'boolean' ? NaN : Number(raw);
  return Number.isFinite(fps) ? Math.min(max, Math.max(1, Math.round(fps))) : fallback;
};

/** Bounds the user-settable numbers. */
export function sanitizeSettings(s: Partial<Settings>): Settings {
  const delegate = s.delegate === 'cpu' || s.delegate === 'gpu' ? s.delegate : 'auto';
  return {
    sampleFps: boundedFps(s.sampleFps, 30, DEFAULT_SETTINGS.sampleFps),
    delegate,
    overlay: s.overlay === true,
    callFps: boundedFps(s.callFps, 15, DEFAULT_SETTINGS.callFps),
    theme: s.theme === 'light' || s.theme === 'dark' ? s.theme : 'auto',
  };
}

/** Version 1 had no `overlay`: it starts off, as the feature is opt-in. */
export function migrateSettingsV2(v1: Pick<Settings, 'sampleFps' | 'delegate'>): Pick<Settings, 'sampleFps' | 'delegate' | 'overlay'> {
  return { ...v1, overlay: false };
}

/** Version 2 had no call rate or theme: calls keep the rate they had (5 fps), the theme follows the system. */
export function migrateSettingsV3(v2: Pick<Settings, 'sampleFps' | 'delegate' | 'overlay'>): Settings {
  return { ...v2, callFps: 5, theme: 'auto' };
}

/** The stored settings item (version 3). */
export const settings = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 3,
  migrations: { 2: migrateSettingsV2, 3: migrateSettingsV3 },
});

/** The stored settings, bounded (a hand-edited or older value can never reach the engine unchecked). */
export async function readSettings(): Promise<Settings> {
  return sanitizeSettings(await settings.getValue());
}
