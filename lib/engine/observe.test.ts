// Protects the reduction of a landmarker result to an observation: box and in-frame fraction, kept blendshapes, and no mesh in the output (privacy).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FrameObservation } from '../cues/observation';
import { USED_BLENDSHAPES } from '../cues/observation';
import { landmarkBox, observe, type RawLandmarkerResult } from './observe';

const ROOT = resolve(import.meta.dirname, '../..');
const SHARED = resolve(process.env.SELFVIEW_SHARED ?? resolve(ROOT, '../shared'));
/** MediaPipe's reference landmarks of business-person.png: [x, y, z], x and y normalised to the image. */
const ref = JSON.parse(readFileSync(resolve(SHARED, 'faces/A/mediapipe_ref/business-person_expected_landmarks.json'), 'utf8')) as { landmarks: [number, number, number][] };
const points = ref.landmarks.map(([x, y, z]) => ({ x, y, z }));
const recorded = (JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/stills.json'), 'utf8')) as Record<string, FrameObservation>)['A/mediapipe_ref/business-person.png']!;
const W = recorded.width, H = recorded.height;

/** All 52 category names of MediaPipe's blendshape model, in its order. */
const ALL_BLENDSHAPES = [
  '_neutral', 'browDownLeft', 'browDownRight', 'browInnerUp', 'browOuterUpLeft', 'browOuterUpRight', 'cheekPuff',
  'cheekSquintLeft', 'cheekSquintRight', 'eyeBlinkLeft', 'eyeBlinkRight', 'eyeLookDownLeft', 'eyeLookDownRight',
  'eyeLookInLeft', 'eyeLookInRight', 'eyeLookOutLeft', 'eyeLookOutRight', 'eyeLookUpLeft', 'eyeLookUpRight',
  'eyeSquintLeft', 'eyeSquintRight', 'eyeWideLeft', 'eyeWideRight', 'jawForward', 'jawLeft', 'jawOpen', 'jawRight',
  'mouthClose', 'mouthDimpleLeft', 'mouthDimpleRight', 'mouthFrownLeft', 'mouthFrownRight', 'mouthFunnel', 'mouthLeft',
  'mouthLowerDownLeft', 'mouthLowerDownRight', 'mouthPressLeft', 'mouthPressRight', 'mouthPucker', 'mouthRight',
  'mouthRollLower', 'mouthRollUpper', 'mouthShrugLower', 'mouthShrugUpper', 'mouthSmileLeft', 'mouthSmileRight',
  'mouthStretchLeft', 'mouthStretchRight', 'mouthUpperUpLeft', 'mouthUpperUpRight', 'noseSneerLeft', 'noseSneerRight',
];
const grey = (w: number, h: number, v: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4).fill(v) });

/** A landmarker result as MediaPipe shapes it: the reference mesh, the recorded matrix, all 52 blendshapes. */
function result(meshes: { x: number; y: number }[][] = [points]): RawLandmarkerResult {
  const used = recorded.faces[0]!.blendshapes as Record<string, number>;
  return {
    faceLandmarks: meshes,
    faceBlendshapes: meshes.map(() => ({ categories: ALL_BLENDSHAPES.map((categoryName, i) => ({ categoryName, score: used[categoryName] ?? i / 100 })) })),
    facialTransformationMatrixes: meshes.map(() => ({ data: [...recorded.faces[0]!.matrix] })),
  };
}

describe('landmarkBox', () => {
  it('bounds every reference landmark tightly, with all of them in frame', () => {
    const { box, inFrame } = landmarkBox(points);
    expect(inFrame).toBe(1);
    for (const p of points) {
      expect(p.x).toBeGreaterThanOrEqual(box.x);
      expect(p.x).toBeLessThanOrEqual(box.x + box.w + 1e-12);
      expect(p.y).toBeGreaterThanOrEqual(box.y);
      expect(p.y).toBeLessThanOrEqual(box.y + box.h + 1e-12);
    }
    expect(Math.min(...points.map((p) => p.x))).toBe(box.x);
    expect(Math.max(...points.map((p) => p.y))).toBeCloseTo(box.y + box.h, 12);
  });

  it('agrees with the box our engine recorded for the same photo', () => {
    const { box } = landmarkBox(points);
    const r = recorded.faces[0]!.box;
    for (const k of ['x', 'y', 'w', 'h'] as const) expect(Math.abs(box[k] - r[k]), k).toBeLessThan(0.005);
  });

  it('counts landmarks outside the image and clips the box to it', () => {
    const shifted = points.map((p) => ({ x: p.x + 0.5, y: p.y - 0.2 }));
    const inside = shifted.filter((p) => p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1).length;
    const { box, inFrame } = landmarkBox(shifted);
    expect(inside).toBeGreaterThan(0);
    expect(inside).toBeLessThan(points.length);
    expect(inFrame).toBeCloseTo(inside / points.length, 12);
    expect(box.x + box.w).toBeLessThanOrEqual(1);
    expect(box.y).toBe(0);
    expect(box.h).toBeCloseTo(Math.max(...shifted.map((p) => p.y)), 12);
  });

  it('gives an empty box and inFrame 0 for no points', () => {
    expect(landmarkBox([])).toEqual({ box: { x: 0, y: 0, w: 0, h: 0 }, inFrame: 0 });
  });
});

describe('observe', () => {
  it('keeps the used blendshapes and drops the others', () => {
    const o = observe(result(), grey(W, H, 128));
    const kept = Object.keys(o.faces[0]!.blendshapes).sort();
    expect(kept).toEqual([...USED_BLENDSHAPES].sort());
    const { cheekSquintLeft: _l, cheekSquintRight: _r, ...used } = recorded.faces[0]!.blendshapes as Record<string, number>;
    expect(o.faces[0]!.blendshapes).toEqual(used); // the recording predates dropping the dead cheekSquint term
  });

  it('describes each face: box, in-frame fraction, matrix and the light inside the box', () => {
    const o = observe(result([points, points.map((p) => ({ x: p.x + 0.5, y: p.y }))]), grey(W, H, 51));
    expect(o.width).toBe(W);
    expect(o.height).toBe(H);
    expect(o.faces).toHaveLength(2);
    expect(o.faces[0]!.box).toEqual(landmarkBox(points).box);
    expect(o.faces[0]!.inFrame).toBe(1);
    expect(o.faces[1]!.inFrame).toBeLessThan(1);
    expect(o.faces[0]!.matrix).toEqual(recorded.faces[0]!.matrix);
    expect(o.faces[0]!.luma).toBeCloseTo(51 / 255, 10);
    expect(o.faces[0]!.contrast).toBeCloseTo(0, 6);
  });

  it('copes with a result without blendshapes or matrices', () => {
    const o = observe({ faceLandmarks: [points] }, grey(W, H, 0));
    expect(o.faces[0]!.blendshapes).toEqual({});
    expect(o.faces[0]!.matrix).toEqual([]);
  });

  it('returns no faces for a result without landmarks', () => {
    expect(observe({ faceLandmarks: [] }, grey(8, 8, 0))).toEqual({ width: 8, height: 8, faces: [] });
  });

  it('keeps no landmark mesh: no array of more than 16 numbers anywhere in the output', () => {
    const o = observe(result([points, points]), grey(W, H, 90));
    const longest = (v: unknown): number =>
      Array.isArray(v) ? Math.max(v.length, ...v.map(longest)) : v && typeof v === 'object' ? Math.max(0, ...Object.values(v).map(longest)) : 0;
    expect(longest(o)).toBeLessThanOrEqual(16);
    expect(longest(o.faces[0]!.matrix)).toBe(16);
    const json = JSON.stringify(o);
    expect(json).not.toContain(String(points[1]!.x)); // not even a single landmark coordinate
    expect(Object.keys(o.faces[0]!).sort()).toEqual(['blendshapes', 'box', 'contrast', 'geometry', 'inFrame', 'luma', 'matrix']);
    expect(Object.values(o.faces[0]!.geometry!).every(Number.isFinite)).toBe(true); // five ratios, no coordinates
  });
});
