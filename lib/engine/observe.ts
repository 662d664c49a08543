/**
 * Turns a raw FaceLandmarker result into a `FrameObservation`: the derived numbers the cues need,
 * and nothing that could reconstruct the face (the mesh and the pixels are dropped here).
 */
import type { Box, FaceObservation, FrameObservation } from '../cues/observation';
import { USED_BLENDSHAPES } from '../cues/observation';
import { faceGeometry } from '../cues/geometry';
import { lumaStats, type Pixels } from './luma';

/** The parts of MediaPipe's `FaceLandmarkerResult` this module reads (kept structural for tests). */
export interface RawLandmarkerResult {
  faceLandmarks: { x: number; y: number }[][];
  faceBlendshapes?: { categories: { categoryName: string; score: number }[] }[];
  facialTransformationMatrixes?: { data: number[] }[];
}

const USED = new Set<string>(USED_BLENDSHAPES);

/** Bounding box of the landmarks, clipped to the image, and the fraction of them inside it. */
export function landmarkBox(points: readonly { x: number; y: number }[]): { box: Box; inFrame: number } {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, inside = 0;
  for (const p of points) {
    x0 = Math.min(x0, p.x); y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x); y1 = Math.max(y1, p.y);
    if (p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1) inside++;
  }
  if (!points.length) return { box: { x: 0, y: 0, w: 0, h: 0 }, inFrame: 0 };
  const cx0 = Math.max(0, x0), cy0 = Math.max(0, y0);
  const box = { x: cx0, y: cy0, w: Math.max(0, Math.min(1, x1) - cx0), h: Math.max(0, Math.min(1, y1) - cy0) };
  return { box, inFrame: inside / points.length };
}

/** Reduces a landmarker result (and, for brightness, the frame's pixels) to an observation. */
export function observe(result: RawLandmarkerResult, pixels: Pixels): FrameObservation {
  const faces: FaceObservation[] = result.faceLandmarks.map((points, i) => {
    const { box, inFrame } = landmarkBox(points);
    const blendshapes: FaceObservation['blendshapes'] = {};
    for (const c of result.faceBlendshapes?.[i]?.categories ?? []) {
      if (USED.has(c.categoryName)) blendshapes[c.categoryName as keyof typeof blendshapes] = c.score;
    }
    const { luma, contrast } = lumaStats(pixels, box);
    const geometry = faceGeometry(points, pixels.width, pixels.height);
    return { blendshapes, box, matrix: [...(result.facialTransformationMatrixes?.[i]?.data ?? [])], inFrame, luma, contrast, geometry };
  });
  return { width: pixels.width, height: pixels.height, faces };
}
