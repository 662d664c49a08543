// Protects the 1-second aggregates: one per second of media on the recorded clips, bounded statistics, blinks, flush and no-face seconds.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregateSecond, SecondAggregator } from './aggregate';
import { frameCues } from './frame-cues';
import type { FrameObservation } from './observation';
import { CUE_NAMES, type FrameCues, type SecondAggregate } from './types';

const ROOT = resolve(import.meta.dirname, '../..');
const read = <T>(name: string): T => JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures', name), 'utf8')) as T;
const stills = read<Record<string, FrameObservation>>('stills.json');

/** A recorded clip, its per-frame cues, and what the aggregator makes of it (flush included). */
function analyse(name: string) {
  const frames = read<{ ts: number; observation: FrameObservation }[]>(`clip-${name}.json`);
  const cues = frames.map((f) => frameCues(f.observation));
  const agg = new SecondAggregator();
  const completed: SecondAggregate[] = [];
  frames.forEach((f, i) => completed.push(...agg.push(f.ts, cues[i]!)));
  const last = agg.flush();
  return { frames, cues, completed, last, seconds: last ? [...completed, last] : completed, again: agg.flush() };
}

describe.each([
  { name: 'cap12_edit', frames: 534, seconds: 54, tail: 4, blinkSecond: 25 },
  { name: 'cap13_edit2', frames: 306, seconds: 31, tail: 6, blinkSecond: 17 },
])('SecondAggregator on the recorded clip $name', ({ name, frames, seconds, tail, blinkSecond }) => {
  const r = analyse(name);
  const durationMin = (r.frames.at(-1)!.ts - r.frames[0]!.ts) / 60_000;

  it('makes one aggregate per second of media, t counting up by 1', () => {
    expect(r.frames).toHaveLength(frames);
    expect(r.seconds).toHaveLength(seconds);
    r.seconds.forEach((a, i) => expect(a.t).toBe(i));
  });

  it('puts the 10 frames of each whole second in it, and the trailing partial second in flush()', () => {
    for (const a of r.completed) expect(a.frames).toBe(10);
    expect(r.last!.frames).toBe(tail);
    expect(r.again).toBeNull();
    expect(r.seconds.reduce((n, a) => n + a.frames, 0)).toBe(frames);
    for (const a of r.seconds) expect(a.faceFrames).toBe(a.frames); // the face is found in every frame of both clips
  });

  it('keeps fractions, quality and expressiveness within 0..1', () => {
    for (const a of r.seconds) {
      expect(a.quality).toBeGreaterThanOrEqual(0);
      expect(a.quality).toBeLessThanOrEqual(1);
      expect(a.expressiveness).toBeGreaterThanOrEqual(0);
      expect(a.expressiveness).toBeLessThanOrEqual(1);
      for (const n of CUE_NAMES) {
        expect(a.cues![n].above).toBeGreaterThanOrEqual(0);
        expect(a.cues![n].above).toBeLessThanOrEqual(1);
      }
    }
  });

  it('summarises each second from its own frames', () => {
    r.seconds.forEach((a, s) => {
      const own = r.cues.slice(s * 10, s * 10 + a.frames).map((c) => c.cues!);
      const yaws = own.map((c) => c.headYaw);
      expect(a.cues!.mouthOpen.mean).toBeCloseTo(own.reduce((x, c) => x + c.mouthOpen, 0) / own.length, 10);
      expect(a.cues!.smile.max).toBe(Math.max(...own.map((c) => c.smile)));
      expect(Math.abs(a.cues!.headYaw.max)).toBe(Math.max(...yaws.map(Math.abs))); // angles: largest magnitude, sign kept
      expect(yaws).toContain(a.cues!.headYaw.max);
    });
  });

  it('counts blinks in the second they end, at a rate no human exceeds', () => {
    const total = r.seconds.reduce((n, a) => n + a.blinks, 0);
    console.log(`${name}: ${total} blink(s) in ${(durationMin * 60).toFixed(1)} s = ${(total / durationMin).toFixed(1)}/min`);
    expect(r.seconds.filter((a) => a.blinks > 0).map((a) => a.t)).toEqual([blinkSecond]);
    expect(total / durationMin).toBeLessThanOrEqual(60);
  });

  // Expressiveness is the spread of the expression cues within a second, so a second in which the
  // mouth opened and closed must score above one in which no expression cue moved by 0.1.
  it('rates seconds where the mouth moved as more expressive than seconds where nothing moved', () => {
    const moved: number[] = [], still: number[] = [];
    r.seconds.forEach((a, s) => {
      const own = r.cues.slice(s * 10, s * 10 + a.frames).map((c) => c.cues!);
      const range = (n: 'smile' | 'browRaise' | 'browFurrow' | 'mouthOpen'): number => Math.max(...own.map((c) => c[n])) - Math.min(...own.map((c) => c[n]));
      if (range('mouthOpen') > 0.2) moved.push(a.expressiveness);
      if (Math.max(range('smile'), range('browRaise'), range('browFurrow'), range('mouthOpen')) < 0.1) still.push(a.expressiveness);
    });
    expect(moved.length).toBeGreaterThanOrEqual(5);
    expect(still.length).toBeGreaterThanOrEqual(5);
    expect(Math.min(...moved)).toBeGreaterThan(Math.max(...still));
  });
});

describe('aggregateSecond', () => {
  const noFace = frameCues(stills['C/no_face/coffee.png']!);
  const face = (file: string): FrameCues => frameCues(stills[file]!);

  it('gives null cues, quality 0 and the noFace issue for a second without a face', () => {
    const a = aggregateSecond(7, [noFace, noFace, noFace], 0);
    expect(a).toMatchObject({ t: 7, frames: 3, faceFrames: 0, faces: 0, quality: 0, qualityIssue: 'noFace', expressiveness: 0, cues: null });
  });

  it('gives quality 0 and no issue for a second with no frames at all', () => {
    expect(aggregateSecond(0, [], 0)).toMatchObject({ frames: 0, quality: 0, qualityIssue: null, cues: null });
  });

  it('averages quality over all frames and computes cues from the face frames only', () => {
    const smiling = face('A/london/smiling/001_08.jpg');
    const a = aggregateSecond(0, [smiling, noFace], 1);
    expect(a.faceFrames).toBe(1);
    expect(a.quality).toBeCloseTo(smiling.quality / 2, 10);
    expect(a.cues!.smile.mean).toBe(smiling.cues!.smile);
    expect(a.blinks).toBe(1);
    // noFace is half of the frames: it is named, as a majority-or-tie issue.
    expect(a.qualityIssue).toBe('noFace');
    expect(aggregateSecond(0, [smiling, smiling, noFace], 0).qualityIssue).toBeNull();
  });

  it('reports the most faces seen in any frame', () => {
    expect(aggregateSecond(0, [face('A/london/neutral/001_03.jpg'), face('C/multi_face/obama_biden_two_people.jpg')], 0).faces).toBe(2);
  });

  it('uses the absolute angle for "above" (head turned either way)', () => {
    const base = face('A/london/neutral/001_03.jpg');
    const turned = (yaw: number): FrameCues => ({ ...base, cues: { ...base.cues!, headYaw: yaw } });
    const a = aggregateSecond(0, [turned(25), turned(-25), turned(5), turned(-5)], 0);
    expect(a.cues!.headYaw.above).toBe(0.5);
    expect(a.cues!.headYaw.mean).toBeCloseTo(0, 10);
  });
});
