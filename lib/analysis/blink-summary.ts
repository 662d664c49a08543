/**
 * Summaries of `evaluateBlinks`: per clip and pooled over clips, the estimator's relative error (mean
 * of |error| over phases, its signed range) and the old counter's recall, and the error over minute
 * windows. Pure.
 */
import type { evaluateBlinks } from './blink-eval';

type Evaluation = ReturnType<typeof evaluateBlinks>;
type ClipEval = Evaluation['rates'][number]['clips'][number];

/** How the estimator and the counter did at one rate over some clips. */
export interface BlinkSummary {
  trueBlinks: number;
  minutes: number;
  truePerMin: number;
  /** Mean over phases of the estimated rate. */
  estPerMin: number;
  /** Mean over phases of |estimate ÷ truth − 1|. */
  meanAbsErr: number;
  /** Mean signed error (bias) and its range over phases. */
  bias: number;
  minErr: number;
  maxErr: number;
  /** Share of the true blinks the old counter reported, mean over phases. */
  counterRecall: number;
  /** The old counter's blinks ÷ true blinks, mean over phases (false ones included). */
  counterRatio: number;
  /** Minute windows with enough blinks: how many (× phases), mean and largest |error|. */
  windows: { n: number; meanAbsErr: number; maxAbsErr: number } | null;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Pools clips phase by phase (phase j of each clip, wrapping where a clip has fewer): blinks and
 * face time are summed before the ratio, so a clip weighs by its length.
 */
export function summarise(clips: readonly ClipEval[]): BlinkSummary {
  const nPh = Math.max(...clips.map((c) => c.runs.length));
  const at = (c: ClipEval, j: number) => c.runs[j % c.runs.length]!;
  const trueBlinks = clips.reduce((n, c) => n + c.trueBlinks, 0), minutes = clips.reduce((n, c) => n + c.minutes, 0);
  const truePerMin = trueBlinks / minutes;
  const est = Array.from({ length: nPh }, (_, j) => {
    const blinks = clips.reduce((n, c) => n + at(c, j).estBlinks, 0), faceS = clips.reduce((n, c) => n + at(c, j).faceS, 0);
    return (blinks * 60) / faceS;
  });
  const errs = est.map((e) => e / truePerMin - 1);
  const per = (f: (c: ClipEval, j: number) => number) => mean(Array.from({ length: nPh }, (_, j) => clips.reduce((n, c) => n + f(c, j), 0))) / trueBlinks;
  const w = clips.flatMap((c) => c.runs.flatMap((r) => r.windowErrs)).map(Math.abs);
  return {
    trueBlinks, minutes, truePerMin, estPerMin: mean(est),
    meanAbsErr: mean(errs.map(Math.abs)), bias: mean(errs), minErr: Math.min(...errs), maxErr: Math.max(...errs),
    counterRecall: per((c, j) => at(c, j).counterHits), counterRatio: per((c, j) => at(c, j).counterBlinks),
    windows: w.length ? { n: w.length, meanAbsErr: mean(w), maxAbsErr: Math.max(...w) } : null,
  };
}
