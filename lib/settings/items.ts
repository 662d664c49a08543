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
}

/** Defaults: 10 fps catches blinks (100–400 ms) without keeping a core busy. */
export const DEFAULT_SETTINGS: Settings = { sampleFps: 10, delegate: 'auto' };

/** Bounds the user-settable numbers. */
export function sanitizeSettings(s: Partial<Settings>): Settings {
  // null and '' would read as 0; only real numbers (or numeric strings from an old store) count.
  const raw = s.sampleFps as unknown;
  const fps = raw === null || raw === '' || typeof raw === 'boolean' ? NaN : Number(raw);
  const delegate = s.delegate === 'cpu' || s.delegate === 'gpu' ? s.delegate : 'auto';
  return { sampleFps: Number.isFinite(fps) ? Math.min(30, Math.max(1, Math.round(fps))) : DEFAULT_SETTINGS.sampleFps, delegate };
}

/** The stored settings item (version 1). */
export const settings = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** The stored settings, bounded (a hand-edited or older value can never reach the engine unchecked). */
export async function readSettings(): Promise<Settings> {
  return sanitizeSettings(await settings.getValue());
}
