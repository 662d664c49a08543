/**
 * Small faces in photos (group pictures) are below what the short-range face detector sees in a
 * whole image. When a photo yields no face, the engine looks again in overlapping tiles; these
 * pure helpers lay out the tiles and merge what they find.
 */
import type { RawLandmarkerResult } from './observe';
import { landmarkBox } from './observe';

/** A tile in pixels. */
export interface Tile {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Square tiles of half the short side, overlapping by half, covering the whole image. */
export function tileGrid(width: number, height: number, minSide = 96): Tile[] {
  const side = Math.max(minSide, Math.floor(Math.min(width, height) / 2));
  if (side >= Math.min(width, height)) return [];
  const step = Math.floor(side / 2);
  const starts = (len: number): number[] => {
    const out: number[] = [];
    for (let p = 0; p + side < len; p += step) out.push(p);
    out.push(len - side);
    return out;
  };
  return starts(height).flatMap((y) => starts(width).map((x) => ({ x, y, w: side, h: side })));
}

/** Copies a tile out of RGBA pixels. */
export function cropPixels(data: Uint8ClampedArray, width: number, t: Tile): Uint8ClampedArray {
  const out = new Uint8ClampedArray(t.w * t.h * 4);
  for (let row = 0; row < t.h; row++) {
    const from = ((t.y + row) * width + t.x) * 4;
    out.set(data.subarray(from, from + t.w * 4), row * t.w * 4);
  }
  return out;
}

type Face = { landmarks: { x: number; y: number }[]; blendshapes?: RawLandmarkerResult['faceBlendshapes']; matrix?: { data: number[] } };

/** Intersection over union of two normalised boxes. */
function iou(a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }): number {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const inter = ix * iy;
  return inter / (a.w * a.h + b.w * b.h - inter || 1);
}

/**
 * Maps each tile's result back to whole-image coordinates and drops faces found twice in
 * overlapping tiles (keeping the larger sighting). Returns at most `maxFaces`, largest first.
 */
export function mergeTileResults(parts: { tile: Tile; result: RawLandmarkerResult }[], width: number, height: number, maxFaces: number): RawLandmarkerResult {
  const faces: (Face & { box: ReturnType<typeof landmarkBox>['box'] })[] = [];
  for (const { tile, result } of parts) {
    result.faceLandmarks.forEach((pts, i) => {
      const landmarks = pts.map((p) => ({ x: (tile.x + p.x * tile.w) / width, y: (tile.y + p.y * tile.h) / height }));
      const { box } = landmarkBox(landmarks);
      faces.push({ landmarks, box, blendshapes: result.faceBlendshapes?.slice(i, i + 1), matrix: result.facialTransformationMatrixes?.[i] });
    });
  }
  faces.sort((a, b) => b.box.w * b.box.h - a.box.w * a.box.h);
  const kept: typeof faces = [];
  for (const f of faces) if (!kept.some((k) => iou(k.box, f.box) > 0.3)) kept.push(f);
  const top = kept.slice(0, maxFaces);
  return {
    faceLandmarks: top.map((f) => f.landmarks),
    faceBlendshapes: top.map((f) => f.blendshapes?.[0] ?? { categories: [] }),
    facialTransformationMatrixes: top.map((f) => f.matrix ?? { data: [] }),
  };
}
