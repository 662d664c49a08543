// The after-call report on real recorded seconds: shares only over well-tracked seconds, the longest
// look-away run, the most expressive minute, and averages over earlier calls.
import { describe, expect, it } from 'vitest';
import clip12 from '../../test/fixtures/clip-cap12_edit.json';
import clip13 from '../../test/fixtures/clip-cap13_edit2.json';
import { SecondAggregator } from '../cues/aggregate';
import { frameCues } from '../cues/frame-cues';
import type { FrameObservation } from '../cues/observation';
import type { SecondAggregate } from '../cues/types';
import { averageShares, callReport } from './report';

function seconds(clip: { ts: number; observation: unknown }[]): SecondAggregate[] {
  const agg = new SecondAggregator();
  const out: SecondAggregate[] = [];
  for (const f of clip) out.push(...agg.push(f.ts, frameCues(f.observation as FrameObservation)));
  const last = agg.flush();
  return last ? [...out, last] : out;
}
const s12 = seconds(clip12);
const s13 = seconds(clip13);

describe('callReport', () => {
  it('reports shares between 0 and 1 over the judged seconds of a real clip', () => {
    const r = callReport(s12, s12.length);
    expect(r.judgedS + r.unreadS).toBe(s12.length);
    expect(r.judgedS).toBeGreaterThan(40);
    for (const v of Object.values(r.shares)) {
      expect(v).not.toBeNull();
      expect(v!).toBeGreaterThanOrEqual(0);
      expect(v!).toBeLessThanOrEqual(1);
    }
  });

  it('counts a share as the judged seconds where the cue was above its threshold most of the second', () => {
    const r = callReport(s13, s13.length);
    const ok = s13.filter((a) => a.cues && a.quality >= 0.5);
    expect(r.shares.mouthOpen).toBeCloseTo(ok.filter((a) => a.cues!.mouthOpen.above >= 0.5).length / ok.length);
    expect(r.shares.mouthOpen!).toBeGreaterThan(0); // the person talks in this clip
  });

  it('finds the longest run of judged seconds looking away, and it is consistent with the shares', () => {
    const r = callReport(s12, s12.length);
    const away = s12.filter((a) => a.cues && a.quality >= 0.5 && a.cues.gazeAtCamera.above < 0.5);
    if (!away.length) return expect(r.longestLookAway).toBeNull();
    expect(r.longestLookAway!.s).toBeGreaterThanOrEqual(1);
    expect(r.longestLookAway!.s).toBeLessThanOrEqual(away.length);
    // Every second of the run is a judged look-away second.
    for (let t = r.longestLookAway!.t; t < r.longestLookAway!.t + r.longestLookAway!.s; t++) expect(away.some((a) => a.t === t)).toBe(true);
  });

  it('breaks a look-away run at a second that could not be read', () => {
    const base = s12.find((a) => a.cues && a.quality >= 0.5)!;
    const away = { ...base, cues: { ...base.cues!, gazeAtCamera: { mean: 0, max: 0, above: 0 } } };
    const dark = { ...base, quality: 0.1 };
    const run = [0, 1, 2, 3, 4, 5, 6, 7].map((t) => ({ ...(t === 2 ? dark : away), t }));
    expect(callReport(run, 8).longestLookAway).toEqual({ t: 3, s: 5 });
    expect(callReport(run, 8).unreadS).toBe(1);
  });

  it('has no most-expressive minute for a call shorter than half a minute of judged seconds', () => {
    expect(callReport(s13.slice(0, 20), 20).mostExpressiveMinute).toBeNull();
    const r = callReport(s12, s12.length);
    expect(r.mostExpressiveMinute).not.toBeNull();
    expect(r.mostExpressiveMinute!.expressiveness).toBeGreaterThan(0);
  });

  it('makes no verdicts without judged seconds', () => {
    const r = callReport(s12.map((a) => ({ ...a, quality: 0 })), s12.length);
    expect(r.judgedS).toBe(0);
    expect(Object.values(r.shares).every((v) => v === null)).toBe(true);
  });
});

describe('averageShares', () => {
  it('averages each share over earlier calls', () => {
    const a = callReport(s12, s12.length), b = callReport(s13, s13.length);
    const avg = averageShares([a, b]);
    expect(avg.mouthOpen).toBeCloseTo((a.shares.mouthOpen! + b.shares.mouthOpen!) / 2);
    expect(averageShares([]).smiling).toBeNull();
  });
});

describe('callReport blink rate (closed-share estimate, shown only where its measured error is ≤ 25%)', () => {
  it('gives none for a 53-s clip: under a minute of face no error was measured', () => {
    expect(callReport(s12, s12.length).blinksPerMinute).toBeNull();
  });

  it('gives the estimate for the clip looped past a minute at its 10 fps (labelled rate: 2 blinks in 53 s)', () => {
    const looped = [0, 1].flatMap((k) => s12.map((a) => ({ ...a, t: a.t + k * s12.length })));
    const rate = callReport(looped, looped.length).blinksPerMinute;
    expect(rate).not.toBeNull();
    expect(rate!).toBeGreaterThan(1);
    expect(rate!).toBeLessThan(4);
  });
});
