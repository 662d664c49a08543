/**
 * Turns a session's stored seconds into chart series for the popup and the report. Pure: one array
 * per cue, aligned on the seconds' t; null where a second had no face (charts show a gap, not a 0).
 */
import { blinkRateCheck, estimateBlinkRate } from '../cues/blink-rate';
import type { SecondAggregate } from '../cues/types';

/** The series the live charts draw. */
export interface CueSeries {
  t: number[];
  smile: (number | null)[];
  gaze: (number | null)[];
  browFurrow: (number | null)[];
  /** Largest of |yaw| and |pitch| in degrees: how far the head is turned from the camera. */
  headTurn: (number | null)[];
  expressiveness: (number | null)[];
  /** Blinks per minute over the trailing 2 minutes (`blinkRate`): null where that estimate is not shown. */
  blinkRate: (number | null)[];
  quality: number[];
}

/** Trailing window of the live blink rate, seconds. */
export const BLINK_WINDOW_S = 120;

/** Builds the series from seconds sorted by t (the last `window` seconds when given). */
export function cueSeries(seconds: readonly SecondAggregate[], window?: number): CueSeries {
  const s = window ? seconds.slice(-window) : seconds;
  const out: CueSeries = { t: [], smile: [], gaze: [], browFurrow: [], headTurn: [], expressiveness: [], blinkRate: [], quality: [] };
  const firstIndex = seconds.length - s.length;
  s.forEach((a, i) => {
    const c = a.cues;
    out.t.push(a.t);
    out.smile.push(c ? c.smile.mean : null);
    out.gaze.push(c ? c.gazeAtCamera.above : null);
    out.browFurrow.push(c ? c.browFurrow.mean : null);
    out.headTurn.push(c ? Math.max(Math.abs(c.headYaw.mean), Math.abs(c.headPitch.mean)) : null);
    out.expressiveness.push(c ? a.expressiveness : null);
    out.blinkRate.push(blinkRate(seconds, firstIndex + i));
    out.quality.push(a.quality);
  });
  return out;
}

/**
 * Blinks per minute over the `BLINK_WINDOW_S` ending at seconds[i]: the closed-share estimate
 * (lib/cues/blink-rate), null where its measured error at the analysed rate and face time is over
 * 25% — the chart then shows a gap rather than a count the frame rate made up. Two minutes, because
 * no error was measured under one minute of face time.
 */
export function blinkRate(seconds: readonly SecondAggregate[], i: number): number | null {
  const end = seconds[i];
  if (!end) return null;
  let j = i;
  while (j > 0 && end.t - seconds[j - 1]!.t < BLINK_WINDOW_S) j--;
  const est = estimateBlinkRate(seconds.slice(j, i + 1));
  return est && blinkRateCheck(est).show ? est.perMinute : null;
}

/** Merges newly arrived seconds into a list sorted by t (a rewritten second replaces the old one). */
export function mergeSeconds(list: readonly SecondAggregate[], add: readonly SecondAggregate[]): SecondAggregate[] {
  const byT = new Map(list.map((a) => [a.t, a]));
  for (const a of add) byT.set(a.t, a);
  return [...byT.values()].sort((x, y) => x.t - y.t);
}
