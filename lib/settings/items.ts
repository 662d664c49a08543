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
}

/** Defaults: 10 fps catches blinks (100–400 ms) without keeping a core busy; no in-page badge. */
export const DEFAULT_SETTINGS: Settings = { sampleFps: 10, delegate: 'auto', overlay: false };

/** Bounds the user-settable numbers. */
export function sanitizeSettings(s: Partial<Settings>): Settings {
  // null and '' would read as 0; only real numbers (or numeric strings from an old store) count.
  const raw = s.sampleFps as unknown;
  const fps = raw === null || raw === '' || typeof raw === 'boolean' ? NaN : Number(raw);
  const delegate = s.delegate === 'cpu' || s.delegate === 'gpu' ? s.delegate : 'auto';
  return {
    sampleFps: Number.isFinite(fps) ? Math.min(30, Math.max(1, Math.round(fps))) : DEFAULT_SETTINGS.sampleFps,
    delegate,
    overlay: s.overlay === true,
  };
}

/** Version 1 had no `overlay`: it starts off, as the feature is opt-in. */
export function migrateSettingsV2(v1: Omit<Settings, 'overlay'>): Settings {
  return { ...v1, overlay: false };
}

/** The stored settings item (version 2). */
export const settings = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 2,
  migrations: { 2: migrateSettingsV2 },
});

/** The stored settings, bounded (a hand-edited or older value can never reach the engine unchecked). */
export async function readSettings(): Promise<Settings> {
  return sanitizeSettings(await settings.getValue());
}
