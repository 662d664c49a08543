/**
 * The cues Selfview derives. Every name describes a movement or a measurement of the face —
 * none claims what the person feels.
 */

/** Per-frame cues that are 0..1 scores. */
export const SCORE_CUES = ['smile', 'browRaise', 'browFurrow', 'mouthOpen', 'eyesClosed', 'gazeAtCamera', 'faceCentered', 'faceSize'] as const;
/** Per-frame cues in degrees. */
export const ANGLE_CUES = ['headYaw', 'headPitch', 'headRoll'] as const;
/** Every per-frame face cue, in display order. */
export const CUE_NAMES = [...SCORE_CUES, ...ANGLE_CUES] as const;

/** Name of a per-frame face cue. */
export type CueName = (typeof CUE_NAMES)[number];

/** Values of the face cues for one frame. */
export type FaceCues = Record<CueName, number>;

/** Why tracking quality is limited (the weakest factor), or null when it is good. */
export type QualityIssue = 'noFace' | 'tooSmall' | 'tooDark' | 'tooBright' | 'lowContrast' | 'turnedAway' | 'cutOff';

/**
 * Shape ratios behind the cues (`lib/cues/geometry`), kept with a frame so that a personal baseline
 * can judge a movement against the person's own rest. Never stored: only the cues' statistics are.
 */
export interface FaceShape {
  mouthWidth: number;
  cornerLift: number;
  eyeOpen: number;
}

/** Result of the cue maths for one frame. */
export interface FrameCues {
  /** Number of faces found (the cues describe the primary one). */
  faces: number;
  /** 0..1: how far the cues can be trusted for this frame. */
  quality: number;
  /** The main reason quality is below 1 (null when it is good). */
  qualityIssue: QualityIssue | null;
  /** The primary face's cues, or null when there is no face. */
  cues: FaceCues | null;
  /** The primary face's shape ratios, when the observation had them. */
  shape?: FaceShape | null;
}

/** Summary of one cue over one second. */
export interface CueStats {
  mean: number;
  max: number;
  /** Fraction of the second's face frames above the cue's threshold. */
  above: number;
}

/** Aggregate of one second of frames. */
export interface SecondAggregate {
  /** Start of the second, in seconds since the stream began. */
  t: number;
  frames: number;
  /** Frames in which a face was found. */
  faceFrames: number;
  /** Most faces seen in any frame of the second. */
  faces: number;
  /** Mean tracking quality over all frames (0 for frames without a face). */
  quality: number;
  /** The most frequent quality issue of the second, if any. */
  qualityIssue: QualityIssue | null;
  /** Blinks that ended in this second. */
  blinks: number;
  /** How much the expression moved within the second (0..1; mean std of the expression cues, scaled). */
  expressiveness: number;
  /** Per-cue statistics, or null when no frame of the second had a face. */
  cues: Record<CueName, CueStats> | null;
}
