/**
 * Replays a clip's per-frame `eyesClosed` as the product would see it at a lower analysed rate:
 * which frames it samples, and the 1-second aggregates and blink events the shipped
 * `SecondAggregator` / `BlinkCounter` make of them. Pure.
 */
import { SecondAggregator } from '../cues/aggregate';
import { BlinkCounter } from '../cues/blink';
import { CUE_NAMES, type FaceCues, type FrameCues, type SecondAggregate } from '../cues/types';

/** Per-frame `eyesClosed` of a clip; null where no face was found. */
export type EyesSeries = readonly (number | null)[];

/**
 * Frame indices sampled at `rate` frames/s from a clip at `fps`, starting `phase` frames in. Every
 * phase in `phases(fps, rate)` is a different but equally likely alignment of the camera's frames.
 */
export function subsample(n: number, fps: number, rate: number, phase: number): number[] {
  const step = fps / rate;
  const out: number[] = [];
  for (let k = 0; ; k++) {
    const i = Math.floor(phase + k * step + 1e-9);
    if (i >= n) return out;
    out.push(i);
  }
}

/** The whole-frame phases at `rate`: every start frame before the second sample (0 … step − 1). */
export function phases(fps: number, rate: number): number[] {
  return Array.from({ length: Math.max(1, Math.ceil(fps / rate - 1e-9)) }, (_, j) => j);
}

// Only eyesClosed is known per frame: the other cues are set to 0 and quality to 1; the blink
// figures read nothing else from the aggregate.
const ZERO = Object.fromEntries(CUE_NAMES.map((n) => [n, 0])) as FaceCues;
const cuesOf = (e: number | null): FrameCues =>
  e === null ? { faces: 0, quality: 0, qualityIssue: 'noFace', cues: null } : { faces: 1, quality: 1, qualityIssue: null, cues: { ...ZERO, eyesClosed: e } };

/** What the product makes of the sampled frames. */
export interface Replay {
  /** Second aggregates, second s covering clip frames with s ≤ frame/fps < s + 1. */
  seconds: SecondAggregate[];
  /** Frame index of each sample at which the old counter reported a blink. */
  counterEnds: number[];
}

/** Runs the sampled frames `idx` through the shipped aggregator (which also runs the old counter). */
export function replay(eyes: EyesSeries, fps: number, idx: readonly number[]): Replay {
  const agg = new SecondAggregator(0);
  const counter = new BlinkCounter(); // same as the aggregator's, run apart to know *when* it fired
  const seconds: SecondAggregate[] = [], counterEnds: number[] = [];
  for (const i of idx) {
    const ts = (i * 1000) / fps, e = eyes[i] ?? null;
    seconds.push(...agg.push(ts, cuesOf(e)));
    if (counter.push(ts, e)) counterEnds.push(i);
  }
  const last = agg.flush();
  if (last) seconds.push(last);
  return { seconds, counterEnds };
}
