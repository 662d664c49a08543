// Protects the analysis output rows: every cue named, null without a face, numbers rounded to 3 decimals.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecondAggregator } from '../cues/aggregate';
import { frameCues } from '../cues/frame-cues';
import type { FrameObservation } from '../cues/observation';
import { CUE_NAMES, type SecondAggregate } from '../cues/types';
import { imageRow, secondRow } from './rows';

const ROOT = resolve(import.meta.dirname, '../..');
const read = <T>(name: string): T => JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures', name), 'utf8')) as T;
const stills = read<Record<string, FrameObservation>>('stills.json');
/** True when `v` has at most 3 decimals. */
const threeDecimals = (v: number): boolean => Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-6;

describe('imageRow', () => {
  it('names every cue, rounded to 3 decimals, for a recorded face', () => {
    const file = 'A/london/smiling/001_08.jpg';
    const f = frameCues(stills[file]!);
    const row = imageRow(file, f);
    expect(Object.keys(row).sort()).toEqual(['cues', 'faces', 'file', 'quality', 'qualityIssue']);
    expect(row).toMatchObject({ file, faces: 1, qualityIssue: null });
    expect(Object.keys(row.cues)).toEqual([...CUE_NAMES]);
    for (const n of CUE_NAMES) {
      const v = row.cues[n]!;
      expect(threeDecimals(v), n).toBe(true);
      expect(Math.abs(v - f.cues![n])).toBeLessThanOrEqual(0.0005 + 1e-12);
    }
    expect(row.quality).toBe(Math.round(f.quality * 1000) / 1000);
  });

  it('keeps the sign of angles when rounding', () => {
    const f = frameCues(stills['A/pd/obama2.jpg']!);
    expect(f.cues!.headYaw).toBeLessThan(0);
    expect(imageRow('obama2', f).cues.headYaw).toBe(Math.round(f.cues!.headYaw * 1000) / 1000);
  });

  it('gives every cue as null, and says why, when no face was found', () => {
    const row = imageRow('coffee.png', frameCues(stills['C/no_face/coffee.png']!));
    expect(row).toEqual({ file: 'coffee.png', faces: 0, quality: 0, qualityIssue: 'noFace', cues: Object.fromEntries(CUE_NAMES.map((n) => [n, null])) });
  });

  it('reports all faces found, with the cues of the primary one', () => {
    const f = frameCues(stills['C/multi_face/solvay1927_colorized.jpg']!);
    const row = imageRow('solvay', f);
    expect(row.faces).toBe(15);
    expect(row.qualityIssue).toBe('tooSmall');
    expect(row.cues.faceSize).toBe(Math.round(f.cues!.faceSize * 1000) / 1000);
  });
});

describe('secondRow', () => {
  const frames = read<{ ts: number; observation: FrameObservation }[]>('clip-cap12_edit.json');
  const agg = new SecondAggregator();
  const seconds: SecondAggregate[] = frames.flatMap((f) => agg.push(f.ts, frameCues(f.observation)));

  it('gives t, blinks and expressiveness, and the per-cue means rounded to 3 decimals', () => {
    const a = seconds[25]!; // the second with the clip's blink
    const row = secondRow('cap12_edit.mp4', a);
    expect(Object.keys(row).sort()).toEqual(['blinks', 'cues', 'expressiveness', 'faces', 'file', 'quality', 'qualityIssue', 't']);
    expect(row).toMatchObject({ file: 'cap12_edit.mp4', t: 25, faces: 1, blinks: 1 });
    expect(Object.keys(row.cues)).toEqual([...CUE_NAMES]);
    for (const n of CUE_NAMES) {
      expect(threeDecimals(row.cues[n]!), n).toBe(true);
      expect(row.cues[n]).toBe(Math.round(a.cues![n].mean * 1000) / 1000);
    }
    expect(row.expressiveness).toBe(Math.round(a.expressiveness * 1000) / 1000);
    expect(threeDecimals(row.quality)).toBe(true);
  });

  it('gives null cues for a second without a face', () => {
    const none = frameCues(stills['C/no_face/baboon.jpg']!);
    const a = new SecondAggregator();
    a.push(0, none);
    a.push(500, none);
    const row = secondRow('clip', a.flush()!);
    expect(row).toMatchObject({ t: 0, faces: 0, quality: 0, qualityIssue: 'noFace', blinks: 0, expressiveness: 0 });
    expect(Object.values(row.cues).every((v) => v === null)).toBe(true);
    expect(Object.keys(row.cues)).toEqual([...CUE_NAMES]);
  });
});
