import type { Box } from '../cues/observation';

/** RGBA pixels of a frame (an `ImageData` fits). */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/**
 * Mean and standard deviation of luma (Rec. 601, 0..1) inside a normalised box, sampled on a grid
 * of at most ~32×32 points so the cost stays constant whatever the face size.
 */
export function lumaStats(px: Pixels, box: Box): { luma: number; contrast: number } {
  const x0 = Math.floor(box.x * px.width), y0 = Math.floor(box.y * px.height);
  const x1 = Math.min(px.width, Math.ceil((box.x + box.w) * px.width));
  const y1 = Math.min(px.height, Math.ceil((box.y + box.h) * px.height));
  const step = Math.max(1, Math.floor(Math.max(x1 - x0, y1 - y0) / 32));
  let n = 0, sum = 0, sq = 0;
  for (let y = y0; y < y1; y += step) {
    for (let x = x0; x < x1; x += step) {
      const i = (y * px.width + x) * 4;
      const l = (0.299 * (px.data[i] ?? 0) + 0.587 * (px.data[i + 1] ?? 0) + 0.114 * (px.data[i + 2] ?? 0)) / 255;
      sum += l; sq += l * l; n++;
    }
  }
  if (!n) return { luma: 0, contrast: 0 };
  const m = sum / n;
  return { luma: m, contrast: Math.sqrt(Math.max(0, sq / n - m * m)) };
}
