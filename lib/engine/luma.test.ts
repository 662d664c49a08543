// Protects the brightness and contrast measured inside a face box (quality's tooDark / tooBright / lowContrast inputs).
import { describe, expect, it } from 'vitest';
import { lumaStats, type Pixels } from './luma';

/** RGBA frame filled by `rgb(x, y)`. */
function frame(width: number, height: number, rgb: (x: number, y: number) => [number, number, number]): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = rgb(x, y);
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}
const whole = { x: 0, y: 0, w: 1, h: 1 };

describe('lumaStats', () => {
  it.each([0, 1, 64, 128, 200, 255])('equals the grey level %i/255 on a uniform grey frame, with contrast 0', (v) => {
    const s = lumaStats(frame(120, 90, () => [v, v, v]), { x: 0.2, y: 0.1, w: 0.5, h: 0.6 });
    expect(s.luma).toBeCloseTo(v / 255, 10);
    expect(s.contrast).toBeCloseTo(0, 6);
  });

  it('weights red, green and blue as Rec. 601', () => {
    expect(lumaStats(frame(10, 10, () => [255, 0, 0]), whole).luma).toBeCloseTo(0.299, 10);
    expect(lumaStats(frame(10, 10, () => [0, 255, 0]), whole).luma).toBeCloseTo(0.587, 10);
    expect(lumaStats(frame(10, 10, () => [0, 0, 255]), whole).luma).toBeCloseTo(0.114, 10);
  });

  it('measures contrast as the spread of luma: half black, half white gives mean 0.5 and std 0.5', () => {
    const s = lumaStats(frame(64, 64, (x) => (x < 32 ? [0, 0, 0] : [255, 255, 255])), whole);
    expect(s.luma).toBeCloseTo(0.5, 10);
    expect(s.contrast).toBeCloseTo(0.5, 10);
  });

  it('reads only the pixels inside the box', () => {
    // Grey 80 in the centre quarter, white around it.
    const px = frame(200, 200, (x, y) => (x >= 50 && x < 150 && y >= 50 && y < 150 ? [80, 80, 80] : [255, 255, 255]));
    const s = lumaStats(px, { x: 0.25, y: 0.25, w: 0.5, h: 0.5 });
    expect(s.luma).toBeCloseTo(80 / 255, 10);
    expect(s.contrast).toBeCloseTo(0, 6);
  });

  it('clips a box that runs past the image edge', () => {
    const px = frame(100, 100, (x) => (x < 50 ? [0, 0, 0] : [100, 100, 100]));
    const s = lumaStats(px, { x: 0.6, y: 0.6, w: 0.8, h: 0.8 });
    expect(s.luma).toBeCloseTo(100 / 255, 10);
  });

  it('gives zeros for an empty box', () => {
    expect(lumaStats(frame(10, 10, () => [200, 200, 200]), { x: 0.5, y: 0.5, w: 0, h: 0 })).toEqual({ luma: 0, contrast: 0 });
  });
});
