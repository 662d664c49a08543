/**
 * The quality gate: feedback judges a second only when the face was read well enough. A second
 * that fails makes no verdict at all — it counts neither for nor against any rule — and the user
 * is told, in plain words, what is in the way.
 */
import type { QualityIssue, SecondAggregate } from '../cues/types';
import { QUALITY_ISSUE_TEXT } from '../labels';

/**
 * Mean tracking quality a second (or a calibration frame) needs to be judged. Quality is a product
 * of factors (size, light, contrast, pose, visibility), so below one half at least one of them is
 * badly off and the cues are closer to guesses than to readings. The in-call badge uses the same line.
 */
export const QUALITY_THRESHOLD = 0.5;

/**
 * Why a second was not judged: the second's dominant quality issue, or `unclear` when quality is
 * low but no single issue dominated (several small problems, or different ones across the second).
 */
export type GateReason = QualityIssue | 'unclear';

/**
 * Verdict of the gate for one second. `message` is the English sentence (`gateMessage`); `reason`
 * is also the key of its translations (lib/i18n `gateText`), which is what pages show.
 */
export type GateResult = { ok: true } | { ok: false; reason: GateReason; message: string };

/** What is in the way, when no single issue dominated the second. */
const UNCLEAR_TEXT = 'the picture is unclear — face the camera in even light';

/** The sentence shown when a second is not judged, e.g. "Can't read your face well right now: too dark — add light in front of you." */
export function gateMessage(reason: GateReason): string {
  const what = reason === 'unclear' ? UNCLEAR_TEXT : QUALITY_ISSUE_TEXT[reason];
  return `Can't read your face well right now: ${what.charAt(0).toLowerCase()}${what.slice(1)}.`;
}

/**
 * Decides whether one second can be judged. A second without any face frame is never ok, whatever
 * its quality number says; otherwise the mean quality must reach `threshold`.
 */
export function gate(agg: SecondAggregate, threshold = QUALITY_THRESHOLD): GateResult {
  if (agg.faceFrames === 0 || agg.cues === null) return { ok: false, reason: 'noFace', message: gateMessage('noFace') };
  if (agg.quality >= threshold) return { ok: true };
  const reason: GateReason = agg.qualityIssue ?? 'unclear';
  return { ok: false, reason, message: gateMessage(reason) };
}
