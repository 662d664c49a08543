/**
 * Stored feedback state: the personal baseline, the user's nudge choices and the local adaptation
 * of nudge thresholds ("not helpful"). All stays in this browser.
 */
import { storage } from 'wxt/utils/storage';
import { parseBaseline, type Baseline } from './baseline';
import { DEFAULT_SENSITIVITY, thresholdsFor, type CueSensitivity } from './sensitivity';
import type { CueName } from '../cues/types';
import { NUDGE_KINDS, parseAdaptation, NO_ADAPTATION, type Adaptation, type NudgeConfigPatch, type NudgeKind } from './nudge-config';

/** A stored calibration. */
export interface StoredBaseline {
  id: string;
  createdAt: number;
  baseline: Baseline;
}

/** The personal baseline from the last calibration, or null (not calibrated). */
export const baselineItem = storage.defineItem<StoredBaseline | null>('local:baseline', { fallback: null, version: 1 });

/** What the user chose about nudges. */
export interface NudgePrefs {
  /** No nudges at all. */
  quiet: boolean;
  /** The user wants to smile more: enables the "no smile for a while" reminder. */
  smileGoal: boolean;
  /** Nudge kinds turned on (lowBlink is off by default: its counter is not reliable enough yet). */
  enabled: Record<NudgeKind, boolean>;
}

export const DEFAULT_NUDGE_PREFS: NudgePrefs = {
  quiet: false,
  smileGoal: false,
  enabled: { framing: true, lookAway: true, browFurrow: true, lowBlink: false, noSmile: true },
};

export const nudgePrefs = storage.defineItem<NudgePrefs>('local:nudgePrefs', { fallback: DEFAULT_NUDGE_PREFS, version: 1 });

/** Per-kind adaptation from "not helpful" answers. */
export const nudgeAdaptation = storage.defineItem<Adaptation>('local:nudgeAdaptation', { fallback: NO_ADAPTATION, version: 1 });

/** How readily smiles, drawn brows and looking at the camera are counted. */
export const cueSensitivity = storage.defineItem<CueSensitivity>('local:cueSensitivity', { fallback: DEFAULT_SENSITIVITY, version: 1 });

/** Everything the engine needs to give feedback in a session. */
export interface FeedbackSetup {
  /** "Above" thresholds of the 1-second aggregates, from the user's cue sensitivity. */
  thresholds: Record<CueName, number>;
  baseline: Baseline | null;
  baselineId: string | null;
  nudges: NudgeConfigPatch;
  adaptation: Adaptation;
}

/** The prefs as a config patch for `NudgeEngine`. */
export function prefsToPatch(p: NudgePrefs): NudgeConfigPatch {
  const rules: NonNullable<NudgeConfigPatch['rules']> = {};
  for (const k of NUDGE_KINDS) rules[k] = { enabled: p.enabled?.[k] ?? DEFAULT_NUDGE_PREFS.enabled[k] };
  return { quiet: p.quiet === true, smileGoal: p.smileGoal === true, rules };
}

/** Reads the current setup from storage, validating what it finds. */
export async function readFeedbackSetup(): Promise<FeedbackSetup> {
  const [b, prefs, adaptation, sensitivity] = await Promise.all([baselineItem.getValue(), nudgePrefs.getValue(), nudgeAdaptation.getValue(), cueSensitivity.getValue()]);
  const baseline = b ? parseBaseline(b.baseline) : null;
  return { thresholds: thresholdsFor(sensitivity), baseline, baselineId: baseline ? (b?.id ?? null) : null, nudges: prefsToPatch(prefs), adaptation: parseAdaptation(adaptation) };
}
