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
  /** Share of one CPU core Selfview's analysis may use during a call (v4); the rate is lowered to keep to it. */
  cpuBudget: number;
}

/** Defaults: 10 fps catches blinks (100–400 ms) without keeping a core busy; no in-page badge. */
export const DEFAULT_SETTINGS: Settings = { sampleFps: 10, delegate: 'auto', overlay: false, callFps: 5, theme: 'auto', cpuBudget: 0.33 };

/** Bounds of the CPU budget: below a tenth of a core even 1 frame/s may not fit; above one core is not "a share". */
export const CPU_BUDGET_MIN = 0.1;
export const CPU_BUDGET_MAX = 1;

/** A budget from storage: a number in bounds, rounded to whole percent; anything else is the default. */
const boundedBudget = (raw: unknown): number => {
  const b = typeof raw === 'number' || (typeof raw === 'string' && raw !== '') ? Number(raw) : NaN;
  return Number.isFinite(b) ? Math.round(Math.min(CPU_BUDGET_MAX, Math.max(CPU_BUDGET_MIN, b)) * 100) / 100 : DEFAULT_SETTINGS.cpuBudget;
};

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
    cpuBudget: boundedBudget(s.cpuBudget),
  };
}

/** Version 1 had no `overlay`: it starts off, as the feature is opt-in. */
export function migrateSettingsV2(v1: Pick<Settings, 'sampleFps' | 'delegate'>): Pick<Settings, 'sampleFps' | 'delegate' | 'overlay'> {
  return { ...v1, overlay: false };
}

/** Version 2 had no call rate or theme: calls keep the rate they had (5 fps), the theme follows the system. */
export function migrateSettingsV3(v2: Pick<Settings, 'sampleFps' | 'delegate' | 'overlay'>): Omit<Settings, 'cpuBudget'> {
  return { ...v2, callFps: 5, theme: 'auto' };
}

/** Version 3 had no CPU budget: calls get the default, about a third of one core. */
export function migrateSettingsV4(v3: Omit<Settings, 'cpuBudget'>): Settings {
  return { ...v3, cpuBudget: DEFAULT_SETTINGS.cpuBudget };
}

/** The stored settings item (version 4). */
export const settings = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 4,
  migrations: { 2: migrateSettingsV2, 3: migrateSettingsV3, 4: migrateSettingsV4 },
});

/** The stored settings, bounded (a hand-edited or older value can never reach the engine unchecked). */
export async function readSettings(): Promise<Settings> {
  return sanitizeSettings(await settings.getValue());
}
