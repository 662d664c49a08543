/**
 * The engine against a bare MediaPipe detect() loop on the same frames, in one browser run (the
 * analysis page's `selfviewBench`): per-frame transfer, detection, cue maths and time inside the
 * offscreen document, and the bare loop's detection. Used by `bench:spine` and `bench:perf`.
 */
import { resolve } from 'node:path';
import type { BenchResult } from '../../../lib/analysis/bench';
import type { ExtensionBrowser } from '../browser';
import { FACES } from '../paths';
import { median, round } from './stats';

/** What to run: `frames` spread over the clip, `rounds` times, scaled to `side` px on the longest side. */
export interface SpineOptions {
  frames: number;
  rounds: number;
  side: number;
  /** The clip the frames come from (absolute path). */
  clip?: string;
}

/** Medians in ms and the ratios, as `bench:spine` prints them. */
export interface SpineSummary {
  frames: number;
  frameSide: number;
  delegate: string;
  medianMs: { engineInOffscreen: number; engineDetect: number; engineCueMaths: number; transfer: number; roundTrip: number; bareDetect: number };
  ratio: { offscreenVsBare: number; roundTripVsBare: number };
}

/** The talking clip the spine bench has always used. */
export const SPINE_CLIP = resolve(FACES, 'B/cap13_edit2.mp4');

/** `res` without its first `n` frames of each loop (a warm-up round: graph set-up and caches are not a per-frame cost). */
export function dropFirst(res: BenchResult, n: number): BenchResult {
  const cut = (xs: number[]): number[] => xs.slice(n);
  const e = res.engine;
  return {
    ...res,
    engine: { roundTripMs: cut(e.roundTripMs), transferMs: cut(e.transferMs), detectMs: cut(e.detectMs), cueMs: cut(e.cueMs), engineMs: cut(e.engineMs) },
    bare: { detectMs: cut(res.bare.detectMs) },
  };
}

/** The medians and ratios of a run. */
export function summariseSpine(res: BenchResult, o: SpineOptions): SpineSummary {
  const m = (xs: number[]): number => round(median(xs), 2);
  return {
    frames: res.engine.engineMs.length,
    frameSide: o.side,
    delegate: res.delegate,
    medianMs: {
      engineInOffscreen: m(res.engine.engineMs),
      engineDetect: m(res.engine.detectMs),
      engineCueMaths: m(res.engine.cueMs),
      transfer: m(res.engine.transferMs),
      roundTrip: m(res.engine.roundTripMs),
      bareDetect: m(res.bare.detectMs),
    },
    ratio: {
      offscreenVsBare: round(median(res.engine.engineMs) / median(res.bare.detectMs), 2),
      roundTripVsBare: round(median(res.engine.roundTripMs) / median(res.bare.detectMs), 2),
    },
  };
}

/** Runs the comparison in a new analysis page of `b`; returns every frame's times and the summary. */
export async function runSpine(b: ExtensionBrowser, o: SpineOptions): Promise<{ raw: BenchResult; summary: SpineSummary }> {
  const page = await b.context.newPage();
  try {
    await page.goto(b.url('analysis.html'));
    await page.waitForFunction(() => typeof window.selfviewBench === 'function');
    await page.setInputFiles('#files', [o.clip ?? SPINE_CLIP]);
    const raw = await page.evaluate(([n, k, s]) => window.selfviewBench!(0, n, k, s), [o.frames, o.rounds, o.side] as const);
    return { raw, summary: summariseSpine(raw, o) };
  } finally {
    await page.close();
  }
}
