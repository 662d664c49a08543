// Protects `analyze --baseline` on recorded observations: a neutral photo calibrates to its own
// rest, the same person's smile stays clearly above it, clips are re-aggregated on the person's
// scale, and a photo without a face gives the calibration's own refusal.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frameCues } from '../cues/frame-cues';
import type { FrameObservation } from '../cues/observation';
import { computeBaseline, isBaseline, normalise, type Baseline } from '../feedback/baseline';
import { baselineFromRows, calibrationFrames, rowsWithBaseline } from './baseline-rows';
import { imageRow, type AnalysisRow } from './rows';

const read = <T>(name: string): T => JSON.parse(readFileSync(resolve(import.meta.dirname, '../../test/fixtures', name), 'utf8')) as T;
const stills = read<Record<string, FrameObservation>>('stills.json');
/** The row `analyze --observations` gives for a recorded still. */
const photoRows = (k: string): AnalysisRow[] => [{ ...imageRow(k, frameCues(stills[k]!)), observations: [{ ts: 0, observation: stills[k]! }] }];

describe('a photo as calibration', () => {
  const neutral = 'A/london/neutral/001_03.jpg', smiling = 'A/london/smiling/001_08.jpg';
  const b = baselineFromRows(neutral, photoRows(neutral));

  it('holds the photo for the whole 10 s calibration: 100 identical frames, all used', () => {
    expect(calibrationFrames(neutral, photoRows(neutral))).toHaveLength(100);
    expect(b).toMatchObject({ frames: 100, used: 100 });
    expect(b.rest.smile.median).toBeCloseTo(frameCues(stills[neutral]!).cues!.smile, 12);
  });

  it('reads the neutral photo as rest and the smile on its scale, rounded as rows are', () => {
    const [n] = rowsWithBaseline(photoRows(neutral), b);
    for (const c of ['smile', 'browRaise', 'browFurrow', 'mouthOpen', 'headYaw', 'headPitch'] as const) expect(n!.cues[c]).toBe(0);
    // Eyes are read as measured even with a baseline (lib/feedback/baseline `normalise`).
    expect(n!.cues.eyesClosed).toBe(Math.round(frameCues(stills[neutral]!).cues!.eyesClosed * 1000) / 1000);
    const [s] = rowsWithBaseline(photoRows(smiling), b);
    const expected = normalise(frameCues(stills[smiling]!).cues!, b);
    expect(s!.cues.smile).toBe(Math.round(expected.smile * 1000) / 1000);
    expect(s!.cues.smile).toBeGreaterThan(0.4);
    expect(s!.cues.headRoll).toBe(photoRows(smiling)[0]!.cues.headRoll); // roll is not baselined
    expect(s!.observations).toEqual(photoRows(smiling)[0]!.observations);
  });

  it('keeps a photo without a face without cues', () => {
    const [r] = rowsWithBaseline(photoRows('C/no_face/coffee.png'), b);
    expect(r).toMatchObject({ faces: 0, qualityIssue: 'noFace', cues: { smile: null } });
  });

  it('refuses a calibration photo without a clearly visible face, with the calibration message', () => {
    expect(() => baselineFromRows('coffee.png', photoRows('C/no_face/coffee.png'))).toThrow(/^Baseline coffee\.png: Too few frames where your face was clearly visible \(0 of 100\)/);
    expect(() => baselineFromRows('x.png', [{ ...photoRows(neutral)[0]!, observations: undefined }])).toThrow(/no frame observations/);
  });
});

describe('a clip', () => {
  const frames = read<{ ts: number; observation: FrameObservation }[]>('clip-cap12_edit.json');
  /** Per-second rows as `analyze --observations` gives them (cue values are not read back). */
  const rows: AnalysisRow[] = [...new Set(frames.map((f) => Math.floor(f.ts / 1000)))].map((t) => ({
    ...imageRow('cap12_edit.mp4', frameCues(frames[0]!.observation)), t, observations: frames.filter((f) => Math.floor(f.ts / 1000) === t),
  }));

  it('calibrates on its first 10 s, as the Practice page records', () => {
    expect(calibrationFrames('cap12_edit.mp4', rows)).toHaveLength(100);
    const b = baselineFromRows('cap12_edit.mp4', rows);
    const direct = computeBaseline(frames.filter((f) => f.ts < 10_000).map((f) => frameCues(f.observation)));
    expect(isBaseline(direct) && b.rest).toEqual((direct as Baseline).rest);
  });

  it('gives one row per second on the baseline scale, with the resting pitch taken out', () => {
    const b = baselineFromRows('cap12_edit.mp4', rows);
    const out = rowsWithBaseline(rows, b);
    expect(out.map((r) => r.t)).toEqual(rows.map((r) => r.t));
    const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
    expect(b.pose.headPitch.median).toBeGreaterThan(8);
    expect(Math.abs(median(out.map((r) => r.cues.headPitch!)))).toBeLessThan(3);
    expect(out.reduce((s, r) => s + r.observations!.length, 0)).toBe(frames.length);
  });
});
