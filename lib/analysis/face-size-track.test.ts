// Protects the face-size check: monotone fall with distance and the fits, on the recorded 15–60 cm photos.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faceSizeTrack } from './face-size-track';

const fx = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../test/fixtures/research/face-size.json'), 'utf8')) as Record<string, number | null>;
const readings = Object.entries(fx).map(([d, faceSize]) => ({ distanceCm: Number(d), faceSize }));

describe('faceSize on the 15/30/45/60 cm photos', () => {
  const t = faceSizeTrack(readings);

  it('falls at every step, more slowly than 1/distance', () => {
    expect(t.rows.map((r) => r.distanceCm)).toEqual([15, 30, 45, 60]);
    expect(t.monotone).toBe(true);
    expect(t.logSlope).toBeGreaterThan(-0.7);
    expect(t.logSlope).toBeLessThan(-0.4);
  });

  it('follows k / (distance + offset) with an offset of about 20 cm', () => {
    expect(t.offsetFit!.offsetCm).toBeGreaterThan(15);
    expect(t.offsetFit!.offsetCm).toBeLessThan(30);
    expect(t.offsetFit!.maxRelResidual).toBeLessThan(0.05);
  });
});

describe('faceSizeTrack', () => {
  it('gives slope −1 and offset 0 for an exact pinhole, and flags a rise and a missed face', () => {
    const exact = faceSizeTrack([20, 40, 80].map((d) => ({ distanceCm: d, faceSize: 10 / d })));
    expect(exact.logSlope).toBeCloseTo(-1, 12);
    expect(exact.offsetFit!.offsetCm).toBeCloseTo(0, 9);
    const bad = faceSizeTrack([{ distanceCm: 30, faceSize: 0.3 }, { distanceCm: 60, faceSize: 0.35 }, { distanceCm: 90, faceSize: null }]);
    expect(bad.monotone).toBe(false);
    expect(bad.missed).toEqual([90]);
  });
});
