import { deg } from './math';

/** Head rotation relative to the camera, in degrees. */
export interface HeadPose {
  /** + when the face turns toward the right side of the (unmirrored) camera image. */
  yaw: number;
  /** + when the face tilts up. */
  pitch: number;
  /** + when the head tilts counter-clockwise as seen in the image (top of the head toward image-left). */
  roll: number;
}

/**
 * Sign conventions of MediaPipe's metric space (x toward image-right, y up, z toward the viewer),
 * mapped to `HeadPose`'s: only pitch is negated (a positive rotation about x tips the face down).
 * Checked against the geometry of MediaPipe's own landmarks (depth plane, nose offset, eye line).
 */
const SIGN = { yaw: 1, pitch: -1, roll: 1 };

/**
 * Euler angles (Y·X·Z order) of the rotation part of MediaPipe's 4×4 column-major facial
 * transformation matrix. Returns zeros when no matrix was produced.
 */
export function headPose(matrix: readonly number[]): HeadPose {
  if (matrix.length < 16) return { yaw: 0, pitch: 0, roll: 0 };
  const r = (row: number, col: number): number => matrix[col * 4 + row] ?? 0;
  // Normalise columns: the matrix may carry a uniform scale.
  const sx = Math.hypot(r(0, 0), r(1, 0), r(2, 0)) || 1;
  const sy = Math.hypot(r(0, 1), r(1, 1), r(2, 1)) || 1;
  const sz = Math.hypot(r(0, 2), r(1, 2), r(2, 2)) || 1;
  const yaw = Math.atan2(r(0, 2) / sz, r(2, 2) / sz);
  const pitch = Math.asin(Math.max(-1, Math.min(1, -r(1, 2) / sz)));
  const roll = Math.atan2(r(1, 0) / sx, r(1, 1) / sy);
  return { yaw: SIGN.yaw * deg(yaw), pitch: SIGN.pitch * deg(pitch), roll: SIGN.roll * deg(roll) };
}
