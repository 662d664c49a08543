/**
 * Which measured cues each reading on the pages rests on — the report's shares, the history's
 * columns, the live charts — so a reading is marked "rough" exactly when a cue behind it is. Pure.
 */
import { combinedReliability, MEASURED, smileKey, type CueReliability, type ReliabilityKey, type ReliabilityTable } from '../cues/reliability';
import type { Shares } from './report';

/** A reading shown to the user: a report share or the blink rate. */
export type Reading = keyof Shares | 'blinksPerMinute';

/** The readings in the order the report lists them. */
export const READINGS = ['lookingAtCamera', 'smiling', 'browsDrawn', 'mouthOpen', 'headTurned', 'offCentre', 'blinksPerMinute'] as const satisfies readonly Reading[];

/** The cues a reading is computed from (the smile's figure depends on whether the person was calibrated). */
export function readingCueKeys(reading: Reading, calibrated: boolean): ReliabilityKey[] {
  switch (reading) {
    case 'lookingAtCamera':
      return ['gazeAtCamera'];
    case 'smiling':
      return [smileKey(calibrated)];
    case 'browsDrawn':
      return ['browFurrow'];
    case 'mouthOpen':
      return ['mouthOpen'];
    case 'headTurned':
      return ['headYaw', 'headPitch'];
    case 'offCentre':
      return ['faceCentered'];
    case 'blinksPerMinute':
      return ['blinkRate'];
  }
}

/** A reading's standing: trusted only when every cue behind it is. */
export function readingReliability(reading: Reading, calibrated: boolean, table: ReliabilityTable = MEASURED): CueReliability {
  return combinedReliability(readingCueKeys(reading, calibrated), table);
}
