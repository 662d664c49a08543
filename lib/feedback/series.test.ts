// The popup's chart series on a real recorded clip (cap12, 10 fps): gaps where no face, and a blink
// rate only once the closed-share estimate has enough face time for its measured error (≤ 25%).
import { describe, expect, it } from 'vitest';
import clip12 from '../../test/fixtures/clip-cap12_edit.json';
import { SecondAggregator } from '../cues/aggregate';
import { frameCues } from '../cues/frame-cues';
import type { FrameObservation } from '../cues/observation';
import type { SecondAggregate } from '../cues/types';
import { BLINK_WINDOW_S, blinkRate, cueSeries, mergeSeconds } from './series';

const agg = new SecondAggregator();
const once: SecondAggregate[] = (clip12 as { ts: number; observation: unknown }[]).flatMap((f) => agg.push(f.ts, frameCues(f.observation as FrameObservation)));
/** The clip looped three times (~2.6 min), as a call that goes on. */
const looped = [0, 1, 2].flatMap((k) => once.map((a) => ({ ...a, t: a.t + k * once.length })));

describe('cueSeries', () => {
  it('aligns every series on the seconds, the last `window` of them when given', () => {
    const s = cueSeries(looped, 30);
    expect(s.t).toEqual(looped.slice(-30).map((a) => a.t));
    for (const k of ['smile', 'gaze', 'browFurrow', 'headTurn', 'expressiveness', 'blinkRate', 'quality'] as const) expect(s[k]).toHaveLength(30);
  });

  it('shows no blink rate in the first minute (no error measured there), then the estimate', () => {
    const rates = cueSeries(looped).blinkRate;
    expect(rates.slice(0, 59).every((r) => r === null)).toBe(true);
    const late = rates.slice(BLINK_WINDOW_S).filter((r): r is number => r !== null);
    expect(late.length).toBeGreaterThan(20);
    for (const r of late) expect(r).toBeLessThan(6); // labelled: 2 blinks in 53 s, about 2.3 a minute
  });

  it('gives null for a second index outside the list', () => {
    expect(blinkRate(looped, looped.length)).toBeNull();
  });
});

describe('mergeSeconds', () => {
  it('keeps t order and lets a rewritten second replace the old one', () => {
    const a = once.slice(0, 3), b = [{ ...once[1]!, frames: 99 }, once[3]!];
    const m = mergeSeconds(a, b);
    expect(m.map((x) => x.t)).toEqual([once[0]!.t, once[1]!.t, once[2]!.t, once[3]!.t]);
    expect(m[1]!.frames).toBe(99);
  });
});
