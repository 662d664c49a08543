/**
 * The reliability gate of the nudges: a nudge speaks about a movement only when the cue behind it
 * was measured well enough (`lib/cues/reliability`). A cue below the floor, or never measured
 * against labelled truth, is still shown — with its caveat — but drives no nudge: a nudge is a
 * claim about what the face did, and an unmeasured cue cannot back one. Pure.
 */
import { combinedReliability, MEASURED, smileKey, type CueReliability, type ReliabilityKey, type ReliabilityTable } from '../cues/reliability';
import type { NudgeKind } from './nudge-config';

/** The cues each nudge kind reads (the smile's calibrated figure applies only with a baseline). */
export function nudgeCueKeys(kind: NudgeKind, calibrated: boolean): ReliabilityKey[] {
  switch (kind) {
    case 'lookAway':
      return ['gazeAtCamera'];
    case 'browFurrow':
      return ['browFurrow'];
    case 'noSmile':
      return [smileKey(calibrated)];
    case 'framing':
      return ['faceCentered', 'faceSize'];
    case 'lowBlink':
      return ['blinkRate'];
  }
}

/** The standing of the cues behind a nudge kind: trusted only when every one of them is. */
export function nudgeReliability(kind: NudgeKind, calibrated: boolean, table: ReliabilityTable = MEASURED): CueReliability {
  return combinedReliability(nudgeCueKeys(kind, calibrated), table);
}

/** Whether a nudge kind may fire at all, whatever the user enabled. */
export function nudgeTrusted(kind: NudgeKind, calibrated: boolean, table: ReliabilityTable = MEASURED): boolean {
  return nudgeReliability(kind, calibrated, table).trusted;
}
