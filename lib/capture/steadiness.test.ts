// Protects the "face steady" measure: a still face reads as steady, every kind of movement in the
// recorded clips does not, and no face is never steady.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frameCues } from '../cues/frame-cues';
import type { FrameObservation } from '../cues/observation';
import type { FaceCues } from '../cues/types';
import { isSteady, movement, slide, STEADY_TOLERANCE, STEADY_WINDOW_MS, type CueFrame } from './steadiness';

const clip = (name: string): CueFrame[] =>
  (JSON.parse(readFileSync(resolve(import.meta.dirname, `../../test/fixtures/${name}.json`), 'utf8')) as { ts: number; observation: FrameObservation }[])
    .map((f) => ({ at: f.ts, cues: frameCues(f.observation).cues }));
const cap12 = clip('clip-cap12_edit');
const cap13 = clip('clip-cap13_edit2');
const face: FaceCues = cap13[0]!.cues!;

/** Slides every frame of `frames` through the window; returns the frames at which it was steady. */
const steadyTimes = (frames: CueFrame[]): CueFrame[] => {
  let w: CueFrame[] = [];
  return frames.filter((f) => isSteady((w = slide(w, f))));
};

describe('movement', () => {
  it('is 0 for a face that does not change at all', () => {
    expect(movement([{ at: 0, cues: face }, { at: 100, cues: { ...face } }])).toBe(0);
  });

  it('is each cue’s range over its tolerance, the largest one counting', () => {
    const moved = { ...face, headYaw: face.headYaw + STEADY_TOLERANCE.headYaw! / 2, smile: face.smile + STEADY_TOLERANCE.smile! * 1.5 };
    expect(movement([{ at: 0, cues: face }, { at: 100, cues: moved }])).toBeCloseTo(1.5, 9);
  });

  it('ignores the eye cues, which flicker with every blink and glance', () => {
    const blink = { ...face, eyesClosed: 1, gazeAtCamera: 0 };
    expect(movement([{ at: 0, cues: face }, { at: 100, cues: blink }])).toBe(0);
  });

  it('is infinite without a face or without frames', () => {
    expect(movement([{ at: 0, cues: face }, { at: 100, cues: null }])).toBe(Infinity);
    expect(movement([])).toBe(Infinity);
  });
});

describe('slide and isSteady', () => {
  it('keeps one frame at or before the window start, so the window can tell it spans it', () => {
    let w: CueFrame[] = [];
    for (let at = 0; at <= 5000; at += 500) w = slide(w, { at, cues: face });
    expect(w.map((f) => f.at)).toEqual([2000, 2500, 3000, 3500, 4000, 4500, 5000]);
  });

  it('needs the whole window before a still face is steady', () => {
    const still = Array.from({ length: 40 }, (_, i) => ({ at: i * 100, cues: face }));
    expect(steadyTimes(still)[0]?.at).toBe(STEADY_WINDOW_MS);
  });

  it('finds the talking clip cap13 never steady over any 3 s', () => {
    expect(steadyTimes(cap13)).toEqual([]);
  });

  it('finds clip cap12 steady only in its one still stretch (about 47–50 s), not while the person talks', () => {
    const t = steadyTimes(cap12).map((f) => f.at);
    expect(t.length).toBeGreaterThan(0);
    expect(t.length / cap12.length).toBeLessThan(0.1);
    expect(Math.min(...t)).toBeGreaterThanOrEqual(46_000);
    expect(Math.max(...t)).toBeLessThanOrEqual(50_000);
  });
});
