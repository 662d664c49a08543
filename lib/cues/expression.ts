/** Expression movements from MediaPipe blendshapes (each 0..1). */
import type { FaceObservation } from './observation';
import { clamp } from './math';

type Shapes = FaceObservation['blendshapes'];
const b = (s: Shapes, k: keyof Shapes): number => s[k] ?? 0;

/**
 * Mouth corners pulled up and out (zygomatic movement). The cheek-raise blendshapes are not used:
 * the model reports cheekSquint ≤ 6e-6 on every photo of the validation set, so they added nothing
 * but a 0.85 scale (bench/results/accuracy.md, "Smile formulas on the same blendshapes").
 */
export const smile = (s: Shapes): number => clamp((b(s, 'mouthSmileLeft') + b(s, 'mouthSmileRight')) / 2);

/** Brows lifted: inner and outer raise together. */
export const browRaise = (s: Shapes): number =>
  clamp(0.5 * b(s, 'browInnerUp') + 0.25 * (b(s, 'browOuterUpLeft') + b(s, 'browOuterUpRight')));

/** Brows drawn down and together. */
export const browFurrow = (s: Shapes): number => clamp((b(s, 'browDownLeft') + b(s, 'browDownRight')) / 2);

/** Jaw dropped / lips apart. */
export const mouthOpen = (s: Shapes): number => clamp(b(s, 'jawOpen') * (1 - 0.5 * b(s, 'mouthClose')));

/** Both eyelids closed. */
export const eyesClosed = (s: Shapes): number => clamp((b(s, 'eyeBlinkLeft') + b(s, 'eyeBlinkRight')) / 2);

/**
 * Eye rotation inside the head in degrees, from the eyeLook blendshapes: `yaw` + toward the image's
 * right (the person's left), `pitch` + upward. A score of 1 is taken as ~30° (yaw) / ~25° (pitch).
 */
export function eyeDirection(s: Shapes): { yaw: number; pitch: number } {
  const left = b(s, 'eyeLookOutLeft') - b(s, 'eyeLookInLeft');
  const right = b(s, 'eyeLookInRight') - b(s, 'eyeLookOutRight');
  const up = (b(s, 'eyeLookUpLeft') + b(s, 'eyeLookUpRight')) / 2;
  const down = (b(s, 'eyeLookDownLeft') + b(s, 'eyeLookDownRight')) / 2;
  return { yaw: 30 * ((left + right) / 2), pitch: 25 * (up - down) };
}
