// Protects the tiled second look at photos: tiles cover the image with overlap, crops copy the right pixels, merged faces are mapped back once.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FrameObservation } from '../cues/observation';
import type { RawLandmarkerResult } from './observe';
import { cropPixels, mergeTileResults, tileGrid, type Tile } from './tiles';

const ROOT = resolve(import.meta.dirname, '../..');
const SHARED = resolve(process.env.SELFVIEW_SHARED ?? resolve(ROOT, '../shared'));
/** MediaPipe's reference landmarks of business-person.png (normalised to the whole image). */
const ref = JSON.parse(readFileSync(resolve(SHARED, 'faces/A/mediapipe_ref/business-person_expected_landmarks.json'), 'utf8')) as { landmarks: [number, number, number][] };
const recorded = (JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/stills.json'), 'utf8')) as Record<string, FrameObservation>)['A/mediapipe_ref/business-person.png']!;
const W = recorded.width, H = recorded.height;
const mesh = ref.landmarks.map(([x, y]) => ({ x, y }));

describe('tileGrid', () => {
  it.each([[1280, 720], [640, 288], [452, 640], [1000, 1000], [197, 3000]])('covers every pixel of %i×%i with overlapping tiles inside the image', (w, h) => {
    const tiles = tileGrid(w, h);
    expect(tiles.length).toBeGreaterThanOrEqual(4);
    for (const t of tiles) {
      expect(t.w).toBe(t.h);
      expect(t.x).toBeGreaterThanOrEqual(0);
      expect(t.y).toBeGreaterThanOrEqual(0);
      expect(t.x + t.w).toBeLessThanOrEqual(w);
      expect(t.y + t.h).toBeLessThanOrEqual(h);
    }
    for (let y = 0; y < h; y += 7) {
      for (let x = 0; x < w; x += 7) {
        const xx = Math.min(x, w - 1), yy = Math.min(y, h - 1);
        expect(tiles.some((t) => xx >= t.x && xx < t.x + t.w && yy >= t.y && yy < t.y + t.h), `${xx},${yy}`).toBe(true);
      }
    }
    // Neighbouring tiles overlap by at least half a tile, so a face cut by one tile's edge is whole in the next.
    const side = tiles[0]!.w;
    const xs = [...new Set(tiles.map((t) => t.x))].sort((a, b) => a - b);
    const ys = [...new Set(tiles.map((t) => t.y))].sort((a, b) => a - b);
    for (const starts of [xs, ys]) for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeLessThanOrEqual(side / 2);
  });

  it('returns no tiles when a tile would be as large as the short side', () => {
    expect(tileGrid(96, 400)).toEqual([]);
    expect(tileGrid(64, 64)).toEqual([]);
    expect(tileGrid(400, 90)).toEqual([]);
    expect(tileGrid(97, 400).length).toBeGreaterThan(0);
  });
});

describe('cropPixels', () => {
  it('copies exactly the pixels of the tile', () => {
    const w = 50, h = 40;
    const data = new Uint8ClampedArray(w * h * 4);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([x, y, (x * 7 + y) % 256, 255], (y * w + x) * 4);
    const t: Tile = { x: 13, y: 9, w: 20, h: 20 };
    const out = cropPixels(data, w, t);
    expect(out).toHaveLength(t.w * t.h * 4);
    for (let y = 0; y < t.h; y++) {
      for (let x = 0; x < t.w; x++) {
        const i = (y * t.w + x) * 4;
        expect([out[i], out[i + 1], out[i + 2], out[i + 3]]).toEqual([t.x + x, t.y + y, ((t.x + x) * 7 + t.y + y) % 256, 255]);
      }
    }
  });
});

describe('mergeTileResults', () => {
  /** What the landmarker would return for `tile` if it found the face whose whole-image landmarks are `pts`. */
  const seenIn = (tile: Tile, pts: { x: number; y: number }[], tag: number): RawLandmarkerResult => ({
    faceLandmarks: [pts.map((p) => ({ x: (p.x * W - tile.x) / tile.w, y: (p.y * H - tile.y) / tile.h }))],
    faceBlendshapes: [{ categories: [{ categoryName: 'jawOpen', score: tag }] }],
    facialTransformationMatrixes: [{ data: [...recorded.faces[0]!.matrix.slice(0, 15), tag] }],
  });
  const a: Tile = { x: 100, y: 20, w: 226, h: 226 };
  const b: Tile = { x: 150, y: 60, w: 226, h: 226 };

  it('maps tile coordinates back to the whole image', () => {
    const merged = mergeTileResults([{ tile: a, result: seenIn(a, mesh, 1) }], W, H, 8);
    expect(merged.faceLandmarks).toHaveLength(1);
    merged.faceLandmarks[0]!.forEach((p, i) => {
      expect(p.x).toBeCloseTo(mesh[i]!.x, 12);
      expect(p.y).toBeCloseTo(mesh[i]!.y, 12);
    });
    expect(merged.faceBlendshapes![0]!.categories[0]!.score).toBe(1);
    expect(merged.facialTransformationMatrixes![0]!.data[15]).toBe(1);
  });

  it('keeps one face, the larger sighting, when two overlapping tiles both see it', () => {
    // The second tile sees the same face slightly smaller (e.g. partly cut by its edge).
    const cx = 0.51, cy = 0.23;
    const smaller = mesh.map((p) => ({ x: cx + (p.x - cx) * 0.9, y: cy + (p.y - cy) * 0.9 }));
    const merged = mergeTileResults([{ tile: b, result: seenIn(b, smaller, 2) }, { tile: a, result: seenIn(a, mesh, 1) }], W, H, 8);
    expect(merged.faceLandmarks).toHaveLength(1);
    expect(merged.faceBlendshapes![0]!.categories[0]!.score).toBe(1);
    expect(merged.faceLandmarks[0]![0]!.x).toBeCloseTo(mesh[0]!.x, 12);
  });

  it('keeps distinct faces, largest first, up to maxFaces', () => {
    const elsewhere = mesh.map((p) => ({ x: p.x, y: 0.75 + (p.y - 0.23) * 0.8 })); // a smaller face lower down
    const lower: Tile = { x: 100, y: 340, w: 226, h: 226 };
    const small = mesh.map((p) => ({ x: 0.2 + (p.x - 0.5) * 0.5, y: 0.8 + (p.y - 0.23) * 0.5 }));
    const corner: Tile = { x: 0, y: 414, w: 226, h: 226 };
    const parts = [
      { tile: corner, result: seenIn(corner, small, 3) },
      { tile: a, result: seenIn(a, mesh, 1) },
      { tile: lower, result: seenIn(lower, elsewhere, 2) },
    ];
    const merged = mergeTileResults(parts, W, H, 8);
    expect(merged.faceBlendshapes!.map((b) => b.categories[0]!.score)).toEqual([1, 2, 3]);
    expect(mergeTileResults(parts, W, H, 2).faceLandmarks).toHaveLength(2);
  });

  it('returns an empty result when no tile found a face', () => {
    expect(mergeTileResults([{ tile: a, result: { faceLandmarks: [] } }], W, H, 8)).toEqual({ faceLandmarks: [], faceBlendshapes: [], facialTransformationMatrixes: [] });
  });
});
