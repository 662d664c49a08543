/**
 * Measured error of the blink-rate estimator (`lib/cues/blink-rate`) and of the old event counter
 * against the labelled blinks, at the analysed rates the product uses. Pure.
 *
 * Honesty: the one constant (closed seconds per blink) is chosen inside the loop. Each clip is cut
 * into 60-s blocks; a block is estimated with the constant chosen on every *other* block (of all
 * clips) at full rate, so no blink is ever counted with a constant that saw it. Each rate is replayed
 * at every phase of the camera's frames, so no result hinges on one lucky alignment.
 */
import { closedTime } from '../cues/blink-rate';
import type { SecondAggregate } from '../cues/types';
import { phases, replay, subsample, type EyesSeries } from './blink-sim';

/** A labelled clip reduced to what the blink figures need. */
export interface BlinkClip {
  id: string;
  fps: number;
  eyes: EyesSeries;
  /** Consensus blinks (onset/offset frame numbers). */
  blinks: readonly { onset: number; offset: number }[];
}

/** The analysed rates the product uses: 2 (face steady) up to 15 frames/s. */
export const RATES = [2, 5, 10, 15] as const;
/** Length of a cross-validation block and of a "minute window". */
export const BLOCK_S = 60;
/** A minute window enters the window error only with this many true blinks (fewer: the ratio is noise). */
export const MIN_WINDOW_BLINKS = 10;

/** A cross-validation block: seconds [from, to) of one clip and its true blinks. */
export interface Block { clip: string; from: number; to: number; blinks: number }

const blocksOf = (c: BlinkClip): Block[] => {
  const dur = c.eyes.length / c.fps;
  return Array.from({ length: Math.ceil(dur / BLOCK_S) }, (_, k) => {
    const from = k * BLOCK_S, to = Math.min(dur, from + BLOCK_S);
    return { clip: c.id, from, to, blinks: c.blinks.filter((b) => b.onset / c.fps >= from && b.onset / c.fps < to).length };
  });
};
const within = (xs: readonly SecondAggregate[], b: Block) => xs.filter((a) => a.t >= b.from && a.t < b.to);

/** Closed seconds per blink on `blocks` (full-rate aggregates per clip): the estimator's constant. */
export function fitClosedPerBlink(full: ReadonlyMap<string, readonly SecondAggregate[]>, blocks: readonly Block[]): number {
  let closed = 0, blinks = 0;
  for (const b of blocks) {
    closed += closedTime(within(full.get(b.clip)!, b)).closedS;
    blinks += b.blinks;
  }
  return closed / blinks;
}

/** One replay of one clip at one rate and phase. */
export interface PhaseResult {
  phase: number;
  /** Estimated blinks (closed time ÷ the held-out constant) and the face time they are over. */
  estBlinks: number;
  faceS: number;
  /** Signed relative error of the estimated rate (estimate ÷ truth − 1). */
  err: number;
  counterBlinks: number;
  /** Labelled blinks the old counter reported (matched one to one). */
  counterHits: number;
  /** Signed errors of the minute windows with enough blinks. */
  windowErrs: number[];
}

/**
 * Labelled blinks matched one to one by counter events that end within the blink or up to one
 * sampling step + 0.3 s after its last labelled frame: the counter fires only when the score falls
 * below 0.3, which trails the labelled offset by 1–8 frames even at the full rate.
 */
function counterHits(c: BlinkClip, ends: readonly number[], rate: number): number {
  const slack = Math.ceil(c.fps / rate) + Math.round(0.3 * c.fps), used = new Set<number>();
  let hits = 0;
  for (const b of c.blinks) {
    const k = ends.findIndex((e, i) => !used.has(i) && e >= b.onset && e <= b.offset + slack);
    if (k >= 0) { used.add(k); hits++; }
  }
  return hits;
}

/** Every clip at every phase of `rate`, each block estimated with its held-out constant. */
export function evaluateRate(clips: readonly BlinkClip[], rate: number, closedPerBlink: ReadonlyMap<Block, number>, blocks: ReadonlyMap<string, Block[]>) {
  return clips.map((c) => {
    const truePerMin = (c.blinks.length * 60 * c.fps) / c.eyes.length;
    const runs = phases(c.fps, rate).map((phase): PhaseResult => {
      const r = replay(c.eyes, c.fps, subsample(c.eyes.length, c.fps, rate, phase));
      let estBlinks = 0, faceS = 0;
      const windowErrs: number[] = [];
      for (const b of blocks.get(c.id)!) {
        const t = closedTime(within(r.seconds, b)), est = t.closedS / closedPerBlink.get(b)!;
        estBlinks += est;
        faceS += t.faceS;
        if (b.blinks >= MIN_WINDOW_BLINKS && b.to - b.from >= BLOCK_S && t.faceS > 0) windowErrs.push((est / t.faceS) * (b.to - b.from) / b.blinks - 1);
      }
      const est = faceS > 0 ? (estBlinks * 60) / faceS : 0;
      return {
        phase, estBlinks, faceS, err: est / truePerMin - 1, windowErrs,
        counterBlinks: r.seconds.reduce((n, a) => n + a.blinks, 0), counterHits: counterHits(c, r.counterEnds, rate),
      };
    });
    return { id: c.id, trueBlinks: c.blinks.length, minutes: c.eyes.length / c.fps / 60, truePerMin, runs };
  });
}

/**
 * Per clip and rate: the results; plus the constants each block was estimated with. `fixed` skips
 * the fitting and uses one constant everywhere (an a-priori value, or the shipped one on other data).
 */
export function evaluateBlinks(clips: readonly BlinkClip[], rates: readonly number[] = RATES, fixed?: number) {
  const blocks = new Map(clips.map((c) => [c.id, blocksOf(c)]));
  const all = [...blocks.values()].flat();
  const full = new Map(clips.map((c) => [c.id, replay(c.eyes, c.fps, c.eyes.map((_, i) => i)).seconds]));
  const constants = new Map(all.map((b) => [b, fixed ?? fitClosedPerBlink(full, all.filter((o) => o !== b))]));
  return {
    allData: fitClosedPerBlink(full, all),
    constants: [...constants].map(([b, v]) => ({ clip: b.clip, from: b.from, to: b.to, blinks: b.blinks, closedPerBlinkS: v })),
    rates: rates.map((rate) => ({ rate, clips: evaluateRate(clips, rate, constants, blocks) })),
  };
}
