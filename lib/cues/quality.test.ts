// Protects tracking quality: each factor alone brings the score down and is named as the reason.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headPose, type HeadPose } from './head-pose';
import type { FaceObservation, FrameObservation } from './observation';
import { faceQuality } from './quality';
import type { QualityIssue } from './types';

const ROOT = resolve(import.meta.dirname, '../..');
const stills = JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/stills.json'), 'utf8')) as Record<string, FrameObservation>;

/** A recorded frontal studio face: large, evenly lit, looking at the camera, fully in frame. */
const good = stills['A/london/neutral/001_03.jpg']!.faces[0]!;
const goodPose = headPose(good.matrix);
const quality = (change: Partial<FaceObservation> = {}, pose: Partial<HeadPose> = {}, faceSize = good.box.h) =>
  faceQuality({ ...good, ...change }, { ...goodPose, ...pose }, faceSize);

describe('faceQuality', () => {
  it('is full, with no issue, for the recorded good frontal face', () => {
    expect(good.box.h).toBeGreaterThan(0.3);
    expect(quality()).toEqual({ score: 1, issue: null });
  });

  // Each row changes one thing about the good face: a mild and a severe value of that factor.
  const cases: [QualityIssue, string, () => ReturnType<typeof quality>, () => ReturnType<typeof quality>][] = [
    ['tooSmall', 'face height 10% / 4% of the frame', () => quality({}, {}, 0.1), () => quality({}, {}, 0.04)],
    ['tooDark', 'luma 0.15 / 0.05', () => quality({ luma: 0.15 }), () => quality({ luma: 0.05 })],
    ['tooBright', 'luma 0.92 / 0.99', () => quality({ luma: 0.92 }), () => quality({ luma: 0.99 })],
    ['lowContrast', 'contrast 0.035 / 0.01', () => quality({ contrast: 0.035 }), () => quality({ contrast: 0.01 })],
    ['turnedAway', 'yaw 35° / 55°', () => quality({}, { yaw: 35 }), () => quality({}, { yaw: -55 })],
    ['turnedAway', 'pitch 28° / 45°', () => quality({}, { pitch: 28 }), () => quality({}, { pitch: -45 })],
    ['cutOff', '88% / 70% of the landmarks in frame', () => quality({ inFrame: 0.88 }), () => quality({ inFrame: 0.7 })],
  ];
  it.each(cases)('names %s and lowers the score (%s)', (issue, _what, mild, severe) => {
    const m = mild(), s = severe();
    expect(m.issue).toBe(issue);
    expect(m.score).toBeGreaterThan(0);
    expect(m.score).toBeLessThan(0.8);
    expect(s.issue).toBe(issue);
    expect(s.score).toBe(0);
  });

  it('multiplies factors, and names the weakest one', () => {
    const both = quality({ luma: 0.15, inFrame: 0.88 });
    expect(both.score).toBeCloseTo(quality({ luma: 0.15 }).score * quality({ inFrame: 0.88 }).score, 10);
    expect(both.issue).toBe('tooDark'); // 0.41 (dark) < 0.44 (cut off)
  });

  it('names no issue for a factor that is only slightly off', () => {
    const r = quality({}, { yaw: 28 });
    expect(r.score).toBeLessThan(1);
    expect(r.issue).toBeNull();
  });

  it('names the reason on recorded hard cases', () => {
    const on = (file: string): ReturnType<typeof faceQuality> => {
      const f = stills[file]!.faces[0]!;
      return faceQuality(f, headPose(f.matrix), f.box.h);
    };
    expect(on('C/dark_backlit/backlit_london004_neutral.jpg').issue).toBe('tooDark');
    expect(on('C/tiny/tiny_london004_smiling.jpg').issue).toBe('tooSmall');
    expect(on('A/video_frames/cap12_t24.5.png').issue).toBe('turnedAway'); // head tipped up ~28°
    expect(on('A/video_frames/cap12_t24.5.png').score).toBeLessThan(0.8);
  });
});
