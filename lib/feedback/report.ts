/**
 * The after-call report, computed from a session's stored seconds. Pure. Shares are fractions of
 * the seconds in which the face was tracked well enough to judge (the others are counted apart,
 * as "could not read"), so a dark minute does not count as "not smiling".
 */
import type { SecondAggregate } from '../cues/types';
import { mean } from '../cues/math';
import { QUALITY_THRESHOLD } from './quality-gate';
import { blinkRateCheck, estimateBlinkRate } from '../cues/blink-rate';

/** Time-shares of the judged seconds (0..1), or null when there was no such second. */
export interface Shares {
  lookingAtCamera: number | null;
  smiling: number | null;
  browsDrawn: number | null;
  mouthOpen: number | null;
  headTurned: number | null;
  offCentre: number | null;
}

/** The whole report. */
export interface CallReport {
  durationS: number;
  /** Seconds with a well-tracked face (the base of the shares). */
  judgedS: number;
  /** Seconds with no face or poor tracking. */
  unreadS: number;
  shares: Shares;
  /**
   * Closed-share estimate over the judged seconds (lib/cues/blink-rate); null where its measured error
   * at this call's analysed rate and length is over 25% (too few frames a second, or too short).
   */
  blinksPerMinute: number | null;
  /** Longest run of judged seconds not looking at the camera: start t and length in s. */
  longestLookAway: { t: number; s: number } | null;
  /** The 60-s window with the most expression movement: its start t and mean expressiveness. */
  mostExpressiveMinute: { t: number; expressiveness: number } | null;
}

/** A second makes a verdict only above the live quality gate's line. */
const judged = (a: SecondAggregate): boolean => a.cues !== null && a.quality >= QUALITY_THRESHOLD;
const share = (xs: SecondAggregate[], f: (a: SecondAggregate) => boolean): number | null => (xs.length ? xs.filter(f).length / xs.length : null);

/** Computes the report from seconds sorted by t; `durationS` from the session's start and end. */
export function callReport(seconds: readonly SecondAggregate[], durationS: number): CallReport {
  const ok = seconds.filter(judged);
  const c = (a: SecondAggregate) => a.cues!;
  const shares: Shares = {
    lookingAtCamera: share(ok, (a) => c(a).gazeAtCamera.above >= 0.5),
    smiling: share(ok, (a) => c(a).smile.above >= 0.5),
    browsDrawn: share(ok, (a) => c(a).browFurrow.above >= 0.5),
    mouthOpen: share(ok, (a) => c(a).mouthOpen.above >= 0.5),
    headTurned: share(ok, (a) => c(a).headYaw.above >= 0.5 || c(a).headPitch.above >= 0.5),
    offCentre: share(ok, (a) => c(a).faceCentered.mean < 0.5),
  };
  let longest: CallReport['longestLookAway'] = null;
  let runStart: number | null = null;
  let prevT = -Infinity;
  for (const a of ok) {
    if (c(a).gazeAtCamera.above < 0.5) {
      // A gap (unjudged seconds) breaks a run: we cannot say where the person looked then.
      if (runStart === null || a.t !== prevT + 1) runStart = a.t;
      const len = a.t - runStart + 1;
      if (!longest || len > longest.s) longest = { t: runStart, s: len };
    } else {
      runStart = null;
    }
    prevT = a.t;
  }
  let best: CallReport['mostExpressiveMinute'] = null;
  for (let i = 0; i < ok.length; i++) {
    const win = ok.filter((a) => a.t >= ok[i]!.t && a.t < ok[i]!.t + 60);
    if (win.length < 30) continue;
    const e = mean(win.map((a) => a.expressiveness));
    if (!best || e > best.expressiveness) best = { t: ok[i]!.t, expressiveness: e };
  }
  const blinks = estimateBlinkRate(ok);
  return {
    durationS,
    judgedS: ok.length,
    unreadS: seconds.length - ok.length,
    shares,
    blinksPerMinute: blinks && blinkRateCheck(blinks).show ? blinks.perMinute : null,
    longestLookAway: longest,
    mostExpressiveMinute: best,
  };
}

/** Mean of each share over earlier reports (for "compared with your previous calls"), null where none had data. */
export function averageShares(reports: readonly CallReport[]): Shares {
  const avg = (k: keyof Shares): number | null => {
    const xs = reports.map((r) => r.shares[k]).filter((v): v is number => v !== null);
    return xs.length ? mean(xs) : null;
  };
  return { lookingAtCamera: avg('lookingAtCamera'), smiling: avg('smiling'), browsDrawn: avg('browsDrawn'), mouthOpen: avg('mouthOpen'), headTurned: avg('headTurned'), offCentre: avg('offCentre') };
}
