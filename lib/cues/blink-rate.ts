/**
 * Blink rate from the stored 1-second aggregates, unbiased at any analysed frame rate.
 *
 * Counting closing-and-reopening events needs several frames inside each blink (~0.15 s with the
 * lids over half the iris), so at 2–5 analysed frames a second the event counter misses most of
 * them. Instead this reads how much of the time the eyes were seen closed: each frame is a random
 * sample of the lid, so the share of frames with `eyesClosed` over its line estimates the share of
 * time closed whatever the rate, and that time divided by the closed time of a typical blink is the
 * number of blinks. Fewer frames only add noise, never bias; `BLINK_RATE_ERROR` holds that noise
 * as measured. Pure.
 */
import type { SecondAggregate } from './types';

/**
 * Seconds per blink with `eyesClosed` above its "above" line (0.5): closed time ÷ blinks on all the
 * labelled clips at full rate (57 consensus blinks, 54 of them one person's) is 0.172 s. The model's
 * score trails the lid by about a frame, so this is a little over the labelled lids-over-half-iris
 * time (franck: 0.145 s) and the literature's 0.1–0.15 s. Its error is measured out of sample:
 * `lib/analysis/blink-eval` chooses it afresh without each held-out minute (0.166–0.185 s).
 */
export const CLOSED_PER_BLINK_S = 0.17;

/** A second with more than this share of its face frames closed is eyes kept shut, not blinking. */
export const SHUT_SHARE = 0.5;

/** The estimator needs this much face time before it says anything (as the old report did). */
export const MIN_FACE_S = 20;

/** Closed and face time of a run of seconds, with the eyes-kept-shut stretches taken out. */
export interface ClosedTime {
  /** Seconds of face time counted (the base of the rate). */
  faceS: number;
  /** Seconds of that time with the eyes over their line. */
  closedS: number;
  /** Face frames the figures rest on. */
  faceFrames: number;
  /** Seconds dropped as eyes kept shut (a shut second and its neighbours). */
  shutS: number;
}

/**
 * Sums closed and face time over `seconds` (sorted by t). A shut second is dropped together with
 * its neighbours: a closure of a second or more spills into them, and its tail would otherwise read
 * as several blinks. The rate assumes the person blinked as usual during the dropped time.
 */
export function closedTime(seconds: readonly SecondAggregate[]): ClosedTime {
  const withFace = seconds.filter((a) => a.cues !== null && a.faceFrames > 0);
  const shut = new Set(withFace.filter((a) => a.cues!.eyesClosed.above > SHUT_SHARE).map((a) => a.t));
  const out: ClosedTime = { faceS: 0, closedS: 0, faceFrames: 0, shutS: 0 };
  for (const a of withFace) {
    // A second's weight is the share of its frames with a face, so a half-tracked second counts half.
    const w = a.frames > 0 ? a.faceFrames / a.frames : 0;
    if (shut.has(a.t) || shut.has(a.t - 1) || shut.has(a.t + 1)) {
      out.shutS += w;
      continue;
    }
    out.faceS += w;
    out.closedS += w * a.cues!.eyesClosed.above;
    out.faceFrames += a.faceFrames;
  }
  return out;
}

/** A blink-rate estimate over a call (or any run of seconds). */
export interface BlinkRateEstimate {
  perMinute: number;
  /** Mean analysed frames per face second: what the estimate's noise depends on. */
  analysedFps: number;
  /** Face time the rate is over, in seconds. */
  faceS: number;
  method: 'closedShare';
}

/**
 * Blinks per minute over `seconds` (sorted by t) from the closed share; null with under `MIN_FACE_S`
 * of face time. The constant holds for the raw lid score, which calibration leaves as measured
 * (`normalise` in lib/feedback/baseline). Whether to show it: `blinkRateCheck`.
 */
export function estimateBlinkRate(seconds: readonly SecondAggregate[], closedPerBlinkS = CLOSED_PER_BLINK_S): BlinkRateEstimate | null {
  const c = closedTime(seconds);
  if (c.faceS < MIN_FACE_S) return null;
  return { perMinute: (60 * c.closedS) / closedPerBlinkS / c.faceS, analysedFps: c.faceFrames / c.faceS, faceS: c.faceS, method: 'closedShare' };
}

/**
 * Measured mean |relative error| of the estimate per analysed rate, out of sample, on the labelled
 * clips (`npx tsx scripts/experiment-blinks.ts`, bench "Blinks"), rounded up to the percent:
 * `minute` over franck's 1-min windows with ≥ 10 blinks, `call` over the three clips pooled (4.7 min;
 * franck's 200 s is the longest). Both are means over every phase of the camera's frames. Nearly all
 * the blinks are one person's: `blinkRateCheck` gates on these, but they are not a population figure.
 */
export const BLINK_RATE_ERROR: readonly { fps: number; minute: number; call: number }[] = [
  { fps: 2, minute: 0.31, call: 0.24 },
  { fps: 5, minute: 0.18, call: 0.06 },
  { fps: 10, minute: 0.16, call: 0.02 },
  { fps: 15, minute: 0.15, call: 0.02 },
];
/** Face time from which the `call` error applies (the longest clip it was measured on); below, `minute`. */
export const CALL_S = 200;
/** Face time below which no error was measured at all. */
export const MINUTE_S = 60;
/** The largest error at which a rate is shown. */
export const MAX_SHOWN_ERROR = 0.25;

/**
 * The measured error for a call analysed at `fps` over `faceS` seconds of face, or null where none
 * was measured (under 2 fps or a minute). Uses the nearest measured rate at or below `fps`, allowing
 * 5% for timer jitter (a 2-fps stream that dropped a frame is still the 2-fps row).
 */
export function blinkRateError(fps: number, faceS: number): number | null {
  const row = [...BLINK_RATE_ERROR].reverse().find((r) => r.fps <= fps * 1.05);
  if (!row || faceS < MINUTE_S) return null;
  return faceS >= CALL_S ? row.call : row.minute;
}

/** Whether a rate analysed at `fps` over `faceS` seconds of face has a measured error ≤ 25%. */
export function blinkRateTrusted(fps: number, faceS: number): boolean {
  const e = blinkRateError(fps, faceS);
  return e !== null && e <= MAX_SHOWN_ERROR;
}

/** Whether to show an estimate, and if not why: too few frames a second, or too short for its rate. */
export type BlinkRateVerdict =
  | { show: true; error: number }
  | { show: false; reason: 'noFace' | 'lowRate' | 'short'; error: number | null };

/** The verdict on an estimate (null: not enough face time for any estimate). */
export function blinkRateCheck(est: BlinkRateEstimate | null): BlinkRateVerdict {
  if (!est) return { show: false, reason: 'noFace', error: null };
  const error = blinkRateError(est.analysedFps, est.faceS);
  if (error !== null && error <= MAX_SHOWN_ERROR) return { show: true, error };
  // "short" when a longer stretch at this rate would pass; otherwise the rate itself is too low.
  const long = blinkRateError(est.analysedFps, Infinity);
  return { show: false, reason: long !== null && long <= MAX_SHOWN_ERROR ? 'short' : 'lowRate', error };
}
