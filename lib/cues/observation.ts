/**
 * What the engine keeps of one analysed frame: plain numbers only — no pixels and no landmark
 * mesh. Recorded observations are the unit-test fixtures of the cue maths.
 */

/** The MediaPipe blendshape scores the cues read (0..1). */
export const USED_BLENDSHAPES = [
  'browDownLeft', 'browDownRight', 'browInnerUp', 'browOuterUpLeft', 'browOuterUpRight',
  'eyeBlinkLeft', 'eyeBlinkRight',
  'eyeLookDownLeft', 'eyeLookDownRight', 'eyeLookInLeft', 'eyeLookInRight',
  'eyeLookOutLeft', 'eyeLookOutRight', 'eyeLookUpLeft', 'eyeLookUpRight',
  'jawOpen', 'mouthClose', 'mouthSmileLeft', 'mouthSmileRight', 'mouthStretchLeft', 'mouthStretchRight',
] as const;

/** Name of a blendshape the cues use. */
export type BlendshapeName = (typeof USED_BLENDSHAPES)[number];

/** Axis-aligned box in normalised image coordinates (0..1). */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

import type { FaceGeometry } from './geometry';

/** One face as seen in one frame. */
export interface FaceObservation {
  /** Blendshape scores, 0..1 (absent names count as 0). */
  blendshapes: Partial<Record<BlendshapeName, number>>;
  /** Bounding box of the landmarks, normalised to the image. */
  box: Box;
  /** Facial transformation matrix, 4×4 column-major as MediaPipe returns it (empty if not requested). */
  matrix: number[];
  /** Fraction of the mesh's landmarks inside the image (1 = nothing cut off by the frame edge). */
  inFrame: number;
  /** Mean luma inside the face box, 0..1. */
  luma: number;
  /** Standard deviation of luma inside the face box, 0..1 (flat = low contrast). */
  contrast: number;
  /** Shape ratios of the mesh (`lib/cues/geometry`); absent in recordings made before they existed. */
  geometry?: FaceGeometry | null;
}

/** Everything the cue maths needs from one frame. */
export interface FrameObservation {
  /** Frame width and height in pixels (for aspect-correct geometry). */
  width: number;
  height: number;
  faces: FaceObservation[];
}
