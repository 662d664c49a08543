// Protects blink counting: hysteresis, long closures and face loss, on synthetic traces and on the recorded clips.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlinkCounter, CLOSE, MAX_BLINK_MS, OPEN } from './blink';
import { frameCues } from './frame-cues';
import type { FrameObservation } from './observation';

const ROOT = resolve(import.meta.dirname, '../..');
const clip = (name: string) =>
  JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures', `clip-${name}.json`), 'utf8')) as { ts: number; observation: FrameObservation }[];

/** Feeds `values` at 10 fps; returns the timestamps (ms) at which a blink was reported. */
function run(values: (number | null)[], stepMs = 100): number[] {
  const c = new BlinkCounter();
  return values.flatMap((v, i) => (c.push(i * stepMs, v) ? [i * stepMs] : []));
}

describe('BlinkCounter', () => {
  it('uses CLOSE above OPEN (hysteresis)', () => {
    expect(CLOSE).toBeGreaterThan(OPEN);
  });

  it('counts a close-then-reopen once, when the eyes reopen', () => {
    expect(run([0.1, 0.1, 0.7, 0.1, 0.1])).toEqual([300]);
  });

  it('does not count a dip that never reaches CLOSE', () => {
    expect(run([0.1, 0.45, 0.1, 0.49, 0.1])).toEqual([]);
  });

  it('waits for the eyes to fall below OPEN before ending the blink (no double count in between)', () => {
    // 0.4 and 0.35 are between OPEN and CLOSE: still the same closure, and a new crossing of CLOSE does not start another.
    expect(run([0.1, 0.6, 0.4, 0.55, 0.35, 0.2, 0.1])).toEqual([500]);
  });

  it(`does not count a closure longer than ${MAX_BLINK_MS} ms (eyes kept closed)`, () => {
    expect(run([0.1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.1])).toEqual([]); // closed 600 ms
    expect(run([0.1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.1])).toEqual([600]); // closed exactly 500 ms
    // ...and counts the next real blink after a long closure.
    expect(run([0.1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.1, 0.8, 0.1])).toEqual([900]);
  });

  it('does not count a closure interrupted by losing the face', () => {
    expect(run([0.1, 0.8, null, 0.1, 0.1])).toEqual([]);
    expect(run([0.1, 0.8, null, 0.8, 0.1])).toEqual([400]);
  });

  it('finds the blinks of the recorded clips where the eyesClosed trace shows them', () => {
    const blinksIn = (name: string): number[] => {
      const c = new BlinkCounter();
      return clip(name).flatMap((f) => (c.push(f.ts, frameCues(f.observation).cues?.eyesClosed ?? null) ? [Math.round(f.ts)] : []));
    };
    // cap12: eyes close at 25.6 s (0.66, 0.61) and reopen at 25.8 s.
    expect(blinksIn('cap12_edit')).toEqual([25800]);
    // cap13: a closure at 4.0 s stays above OPEN until 4.7 s (700 ms: not a blink); a blink at 17.1 s reopens at 17.2 s.
    expect(blinksIn('cap13_edit2')).toEqual([17200]);
  });
});
