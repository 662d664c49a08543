/** Draws a video, image or bitmap into a small canvas and reads its RGBA pixels for the engine. */
import type { Pixels } from '../engine/luma';

/** Size to draw a `w`×`h` source at so that its longer side is at most `maxSide` (never upscaled). */
export function fitSize(w: number, h: number, maxSide: number): { width: number; height: number } {
  const s = Math.min(1, maxSide / Math.max(w, h));
  return { width: Math.max(1, Math.round(w * s)), height: Math.max(1, Math.round(h * s)) };
}

/** Reusable grabber; keeps one canvas per size. */
export class FrameGrabber {
  private canvas: OffscreenCanvas | null = null;
  private ctx: OffscreenCanvasRenderingContext2D | null = null;

  constructor(private readonly maxSide: number) {}

  /** Grabs the current picture of `source` (natural size `w`×`h`). */
  grab(source: CanvasImageSource, w: number, h: number): Pixels {
    const { width, height } = fitSize(w, h, this.maxSide);
    if (!this.canvas || this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas = new OffscreenCanvas(width, height);
      this.ctx = this.canvas.getContext('2d', { willReadFrequently: true });
    }
    if (!this.ctx) throw new Error('2D canvas unavailable');
    this.ctx.drawImage(source, 0, 0, width, height);
    return this.ctx.getImageData(0, 0, width, height);
  }
}
