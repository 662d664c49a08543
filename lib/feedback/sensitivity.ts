/**
 * Cue sensitivity: how readily a second counts as "smiling", "brows drawn together" or "looking at
 * the camera". It moves the threshold the 1-second aggregates use for their time-above share, which
 * the nudges and the report are built on. Pure.
 */
import { ABOVE_THRESHOLD } from '../cues/aggregate';
import type { CueName } from '../cues/types';

/** Cues whose sensitivity the user can set. */
export const SENSITIVE_CUES = ['smile', 'browFurrow', 'gazeAtCamera'] as const;
export type SensitiveCue = (typeof SENSITIVE_CUES)[number];
export type Sensitivity = 'less' | 'normal' | 'more';

/** The user's choice per cue. */
export type CueSensitivity = Record<SensitiveCue, Sensitivity>;

export const DEFAULT_SENSITIVITY: CueSensitivity = { smile: 'normal', browFurrow: 'normal', gazeAtCamera: 'normal' };

/**
 * Thresholds per setting. "More" counts the movement sooner: a smaller smile, a lighter furrow — and,
 * for the gaze, a stricter idea of looking at the camera (so looking away is noticed sooner).
 */
const THRESHOLDS: Record<SensitiveCue, Record<Sensitivity, number>> = {
  smile: { less: 0.53, normal: ABOVE_THRESHOLD.smile, more: 0.21 },
  browFurrow: { less: 0.55, normal: ABOVE_THRESHOLD.browFurrow, more: 0.28 },
  gazeAtCamera: { less: 0.35, normal: ABOVE_THRESHOLD.gazeAtCamera, more: 0.65 },
};

/** The aggregate thresholds for a choice (unknown values read as normal). */
export function thresholdsFor(s: Partial<Record<string, unknown>> | null | undefined): Record<CueName, number> {
  const out = { ...ABOVE_THRESHOLD };
  for (const cue of SENSITIVE_CUES) {
    const v = s?.[cue];
    out[cue] = THRESHOLDS[cue][v === 'less' || v === 'more' ? v : 'normal'];
  }
  return out;
}
