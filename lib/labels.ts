/**
 * Plain-language names for cues and quality issues, in English, for the pure modules' English
 * messages (quality gate, calibration). Pages and the in-call badge show the user's language:
 * `cueLabel` and `qualityIssueText` in lib/i18n (keys `cue.*` and `quality.issue.*`, with these
 * same English words in en.yml — lib/i18n/render.test.ts checks it). Movements only — never feelings.
 */
import type { CueName, QualityIssue } from './cues/types';

/** Short label per cue. */
export const CUE_LABEL: Record<CueName, string> = {
  smile: 'Smile (mouth corners up)',
  browRaise: 'Brows raised',
  browFurrow: 'Brows drawn together',
  mouthOpen: 'Mouth open',
  eyesClosed: 'Eyes closed',
  gazeAtCamera: 'Looking at the camera',
  faceCentered: 'Face centred in frame',
  faceSize: 'Face size (closeness)',
  headYaw: 'Head turn',
  headPitch: 'Head tilt up/down',
  headRoll: 'Head tilt sideways',
};

/** What to tell the user when tracking is limited. */
export const QUALITY_ISSUE_TEXT: Record<QualityIssue, string> = {
  noFace: 'No face in view',
  tooSmall: 'Face too small — move closer',
  tooDark: 'Too dark — add light in front of you',
  tooBright: 'Too bright — the face is washed out',
  lowContrast: 'Low contrast — the picture is flat or blurred',
  turnedAway: 'Head turned far from the camera',
  cutOff: 'Face partly outside the picture',
};
