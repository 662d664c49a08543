/**
 * The performance goals and the check of a run against them. The bench never fails on a
 * goal: each one is reported as met, not met, or not measured.
 */

/** Overhead of the engine over a bare detect() loop on the same frames (per-frame medians). */
export const MAX_OVERHEAD = 1.15;
/** Frames per second at the maximum rate, on a 2-core machine. */
export const MIN_MAX_RATE_FPS = 10;
/** Selfview's time per video frame as a share of the fastest peer's time per image. */
export const MAX_SHARE_OF_FASTEST_PEER = 0.5;

/** What the goal check needs from a run (NaN: not measured). */
export interface GoalInputs {
  /** Selfview's whole per-frame cost (transfer + engine + storage) / bare detect(), medians. */
  overhead: number;
  /** Sustained frames per second at the maximum rate. */
  maxRateFps: number;
  /** CPU cores of the machine the run was on. */
  cores: number;
  /** Selfview's whole per-frame cost (ms, median). */
  perFrameMs: number;
  /** The fastest peer's median time per image (ms), and its name. */
  fastestPeer: { stack: string; ms: number } | null;
}

/** One goal's verdict. */
export interface GoalResult {
  goal: string;
  target: string;
  measured: string;
  /** null: not measured in this run. */
  met: boolean | null;
}

const fmt = (v: number, d = 2, unit = ''): string => (Number.isFinite(v) ? `${Math.round(v * 10 ** d) / 10 ** d}${unit}` : 'not measured');
const verdict = (v: number, ok: (v: number) => boolean): boolean | null => (Number.isFinite(v) ? ok(v) : null);

/** Checks a run against the three goals. */
export function checkGoals(i: GoalInputs): GoalResult[] {
  const peerTarget = i.fastestPeer ? MAX_SHARE_OF_FASTEST_PEER * i.fastestPeer.ms : NaN;
  return [
    { goal: 'overhead of the engine over bare detect()', target: `≤ ${MAX_OVERHEAD}×`, measured: Number.isFinite(i.overhead) ? `${i.overhead.toFixed(2)}×` : 'not measured', met: verdict(i.overhead, (v) => v <= MAX_OVERHEAD) },
    {
      goal: 'frames per second at the maximum rate',
      target: `≥ ${MIN_MAX_RATE_FPS} fps on 2 cores`,
      measured: `${fmt(i.maxRateFps, 1, ' fps')} on ${i.cores} core${i.cores === 1 ? '' : 's'}`,
      met: verdict(i.maxRateFps, (v) => v >= MIN_MAX_RATE_FPS),
    },
    {
      goal: 'time per video frame vs the fastest peer per image',
      target: i.fastestPeer ? `≤ ${MAX_SHARE_OF_FASTEST_PEER} × ${i.fastestPeer.stack} ${fmt(i.fastestPeer.ms, 1, ' ms')} = ${fmt(peerTarget, 1, ' ms')}` : `≤ ${MAX_SHARE_OF_FASTEST_PEER} × fastest peer`,
      measured: fmt(i.perFrameMs, 1, ' ms'),
      met: i.fastestPeer ? verdict(i.perFrameMs, (v) => v <= peerTarget) : null,
    },
  ];
}

/** The word for a verdict in the report. */
export function metText(met: boolean | null): string {
  return met === null ? 'not measured' : met ? 'met' : 'not met';
}
