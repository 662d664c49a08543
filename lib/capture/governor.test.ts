// Protects the call session's rate governor: the chosen rate while the face moves (recorded talking
// clips), the low rate while it is still and back up at the first movement, the CPU budget from
// measured costs, back-off and recovery when the machine is busy, and its bounds on any input.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameCues } from '../cues/frame-cues';
import type { FrameObservation } from '../cues/observation';
import type { FaceCues } from '../cues/types';
import { movement } from './steadiness';
import { govern, initialGovernor, LOW_FPS, looksBusy, MIN_FPS, WARMUP_FRAMES, type FrameSample, type GovernorConfig, type RateDecision } from './governor';

type Recorded = { at: number; cues: FaceCues | null };
const clip = (name: string): Recorded[] =>
  (JSON.parse(readFileSync(resolve(import.meta.dirname, `../../test/fixtures/${name}.json`), 'utf8')) as { ts: number; observation: FrameObservation }[])
    .map((f) => ({ at: f.ts, cues: frameCues(f.observation).cues }));
const cap12 = clip('clip-cap12_edit');
const cap13 = clip('clip-cap13_edit2');
const face = cap13[0]!.cues!;
const CALL: GovernorConfig = { chosenFps: 5, budget: 0.33 };

/**
 * Runs a governed session over a recording made at 10 fps: after each frame, the next one analysed
 * is the first recorded at or after the time the governor asked for (as a camera would give it).
 */
function replay(frames: Recorded[], config: GovernorConfig, cost = (_i: number) => ({ costMs: 25, detectMs: 20, lagMs: 0 })) {
  let state = initialGovernor(config);
  const out: { at: number; d: RateDecision }[] = [];
  let due = frames[0]!.at;
  for (const f of frames) {
    if (f.at < due) continue;
    const r = govern(state, { ...f, ...cost(out.length) });
    state = r.state;
    out.push({ at: f.at, d: r.decision });
    due = f.at + r.decision.intervalMs;
  }
  return out;
}

/** Feeds synthetic frames one after another at the rate the governor asks for. */
function run(config: GovernorConfig, n: number, sample: (i: number, at: number) => Omit<FrameSample, 'at'>) {
  let state = initialGovernor(config);
  let at = 0;
  const out: RateDecision[] = [];
  for (let i = 0; i < n; i++) {
    const r = govern(state, { at, ...sample(i, at) });
    state = r.state;
    out.push(r.decision);
    at += r.decision.intervalMs;
  }
  return out;
}

describe('rate on recorded clips (10 fps recordings of people talking)', () => {
  it('keeps the chosen rate throughout the talking clip cap13', () => {
    const r = replay(cap13, CALL);
    expect(new Set(r.map((x) => x.d.reason))).toEqual(new Set(['chosen']));
    expect(r.length).toBeGreaterThanOrEqual(Math.floor((cap13.at(-1)!.at / 1000) * CALL.chosenFps));
  });

  it('drops to the low rate in cap12’s still stretch and is back at the chosen rate on the first movement', () => {
    const r = replay(cap12, CALL);
    const steady = r.filter((x) => x.d.reason === 'faceSteady');
    expect(steady.length).toBeGreaterThan(0);
    expect(steady.every((x) => x.d.fps === LOW_FPS && x.at >= 46_000 && x.at <= 51_000)).toBe(true);
    const lastSteady = r.findIndex((x) => x === steady.at(-1));
    const next = r[lastSteady + 1]!;
    expect(next.d).toEqual({ fps: 5, intervalMs: 200, reason: 'chosen' }); // at once, not after a ramp
    expect(next.at - steady.at(-1)!.at).toBeLessThanOrEqual(1000 / LOW_FPS + 100);
    // Everywhere else the person moves: chosen rate.
    expect(r.filter((x) => x.d.reason === 'chosen').length / r.length).toBeGreaterThan(0.9);
  });

  it('lowers a still face to the low rate after 3 s, and returns at once when the recorded talking starts', () => {
    const still = Array.from({ length: 60 }, (_, i) => ({ at: i * 100, cues: face }));
    const talking = cap13.slice(1).map((f) => ({ at: f.at + 6000, cues: f.cues }));
    const r = replay([...still, ...talking], CALL);
    expect(r.find((x) => x.d.reason === 'faceSteady')!.at).toBe(3000);
    expect(r.filter((x) => x.at >= 3000 && x.at < 6000).every((x) => x.d.fps === LOW_FPS)).toBe(true);
    // Back up at the first analysed frame that moved beyond the tolerance from the still face.
    const moved = r.find((x) => x.at >= 6000 && movement([{ at: 0, cues: face }, { at: x.at, cues: talking.find((f) => f.at === x.at)!.cues }]) > 1)!;
    // …which at the low rate comes at most one low-rate interval after the recording first moved.
    const firstMove = talking.find((f) => movement([{ at: 0, cues: face }, f]) > 1)!;
    expect(moved.at - firstMove.at).toBeLessThanOrEqual(1000 / LOW_FPS);
    expect(moved.d.reason).toBe('chosen');
    expect(r.filter((x) => x.at >= 6000 && x.at < moved.at).every((x) => x.d.reason === 'faceSteady')).toBe(true);
  });

  it('never calls a face steady when there is none', () => {
    const r = run(CALL, 100, () => ({ costMs: 25, detectMs: 20, lagMs: 0, cues: null }));
    expect(r.every((d) => d.reason === 'chosen')).toBe(true);
  });
});

describe('CPU budget from measured costs', () => {
  const moving = (i: number): FaceCues => ({ ...face, headYaw: i % 2 ? 10 : -10 });

  it('keeps rate × cost within the budget when frames are expensive', () => {
    const r = run(CALL, 40, (i) => ({ costMs: 100, detectMs: 90, lagMs: 0, cues: moving(i) }));
    expect(r.at(-1)!.reason).toBe('overBudget');
    expect(r.at(-1)!.fps).toBeCloseTo(3.3, 9);
    expect(r.at(-1)!.fps * 100).toBeLessThanOrEqual(0.33 * 1000 + 1e-9);
  });

  it('stays at the chosen rate when frames are cheap, and a larger budget lifts the limit', () => {
    expect(run(CALL, 40, (i) => ({ costMs: 25, detectMs: 20, lagMs: 0, cues: moving(i) })).at(-1)!.reason).toBe('chosen');
    expect(run({ chosenFps: 5, budget: 1 }, 40, (i) => ({ costMs: 100, detectMs: 90, lagMs: 0, cues: moving(i) })).at(-1)!.reason).toBe('chosen');
  });

  it('ignores the slow warm-up frames and a single slow frame', () => {
    const r = run(CALL, 30, (i) => ({ costMs: i < WARMUP_FRAMES || i === 20 ? 800 : 25, detectMs: i < WARMUP_FRAMES || i === 20 ? 700 : 20, lagMs: 0, cues: moving(i) }));
    expect(r.every((d) => d.reason === 'chosen')).toBe(true);
  });

  it('never goes below 1 frame/s, even when one frame costs more than the budget allows', () => {
    expect(run(CALL, 20, (i) => ({ costMs: 2000, detectMs: 1900, lagMs: 0, cues: moving(i) })).at(-1)).toMatchObject({ fps: MIN_FPS, reason: 'overBudget' });
  });
});

describe('backing off when the machine is busy', () => {
  const moving = (i: number): FaceCues => ({ ...face, headYaw: i % 2 ? 10 : -10 });

  it('sees detection well above its usual time, or late timers, as busy — not a little noise', () => {
    const usual = Array.from({ length: 20 }, (_, i) => 20 + (i % 3));
    expect(looksBusy([...usual, 60, 65, 70], [0, 0, 0])).toBe(true);
    expect(looksBusy([...usual, 24, 26, 25], [0, 0, 0])).toBe(false);
    expect(looksBusy([...usual, 21, 21, 21], [150, 180, 200])).toBe(true);
    expect(looksBusy([...usual, 21, 21, 21], [150, 0, 0])).toBe(false);
    expect(looksBusy([60, 65, 70], [0, 0, 0])).toBe(false); // not enough history to know what is usual
  });

  it('halves the rate while busy, then recovers one frame/s at a time back to the chosen rate', () => {
    // 20 ms usually; 25 frames at 70 ms (another program takes the CPU), then usual again.
    const r = run({ chosenFps: 10, budget: 1 }, 300, (i) => ({ costMs: 25, detectMs: i >= 30 && i < 36 ? 70 : 20, lagMs: 0, cues: moving(i) }));
    const busy = r.filter((d) => d.reason === 'machineBusy').map((d) => d.fps);
    expect(busy[0]).toBe(5);
    expect(Math.min(...busy)).toBeLessThan(5);
    // Recovery climbs in steps of 1 (never jumps straight back) and ends at the chosen rate.
    const afterLow = busy.slice(busy.indexOf(Math.min(...busy)));
    for (let i = 1; i < afterLow.length; i++) expect(afterLow[i]! - afterLow[i - 1]!).toBeGreaterThanOrEqual(0);
    expect(new Set(afterLow.map((f, i) => f - (afterLow[i - 1] ?? f)))).toEqual(new Set([0, 1]));
    expect(r.at(-1)).toMatchObject({ fps: 10, reason: 'chosen' });
  });

  it('backs off when the page’s timers fire late, even with usual detection times', () => {
    const r = run(CALL, 30, (i) => ({ costMs: 25, detectMs: 20, lagMs: i >= 15 ? 250 : 2, cues: moving(i) }));
    expect(r.at(-1)!.reason).toBe('machineBusy');
    expect(r.at(-1)!.fps).toBeLessThan(CALL.chosenFps);
  });

  it('treats a lasting slowdown as the new usual cost: the budget takes over from the back-off', () => {
    const r = run(CALL, 400, (i) => ({ costMs: i < 20 ? 25 : 200, detectMs: i < 20 ? 20 : 190, lagMs: 0, cues: moving(i) }));
    expect(r.slice(20, 40).some((d) => d.reason === 'machineBusy')).toBe(true);
    expect(r.at(-1)).toMatchObject({ reason: 'overBudget' });
    expect(r.at(-1)!.fps).toBeCloseTo(1.65, 9);
  });
});

describe('bounds on any input', () => {
  const sample = fc.record({
    dt: fc.double({ min: 1, max: 3000, noNaN: true }),
    costMs: fc.double({ min: 0, max: 5000, noNaN: true }),
    detectMs: fc.double({ min: 0, max: 5000, noNaN: true }),
    lagMs: fc.double({ min: 0, max: 5000, noNaN: true }),
    yaw: fc.option(fc.double({ min: -90, max: 90, noNaN: true })),
  });

  it('always answers a rate between 1 frame/s and the chosen rate, within the budget unless at the floor', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 15 }), fc.double({ min: 0.1, max: 1, noNaN: true }), fc.array(sample, { maxLength: 200 }), (chosenFps, budget, xs) => {
      let state = initialGovernor({ chosenFps, budget });
      let at = 0;
      for (const x of xs) {
        at += x.dt;
        const { state: next, decision: d } = govern(state, { at, costMs: x.costMs, detectMs: x.detectMs, lagMs: x.lagMs, cues: x.yaw === null ? null : { ...face, headYaw: x.yaw } });
        state = next;
        if (!(d.fps >= MIN_FPS && d.fps <= Math.max(MIN_FPS, chosenFps) && Math.abs(d.intervalMs * d.fps - 1000) < 1e-6)) return false;
        const costs = [...state.costs].sort((a, b) => a - b);
        const m = costs.length ? (costs[(costs.length - 1) >> 1]! + costs[costs.length >> 1]!) / 2 : 0;
        if (d.fps > MIN_FPS && d.fps * m > budget * 1000 + 1e-6) return false;
      }
      return true;
    }));
  });
});
