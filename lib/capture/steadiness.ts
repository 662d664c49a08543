/**
 * How still a face has been: the stability measure the rate governor uses to lower the analysis
 * rate while nothing changes. Pure; works on the per-frame cues the engine returns.
 */
import type { CueName, FaceCues } from '../cues/types';

/** How long the face must have barely changed before it counts as steady. */
export const STEADY_WINDOW_MS = 3000;

/**
 * The largest change (max − min over the window) of each cue that still counts as "barely
 * changed": well above a still face's tracking noise, well below a word, a nod or a smile (the
 * talking clips in test/fixtures move more than this in almost every 3 s stretch).
 * The eye cues (gaze, eyes closed) are left out on purpose: they flicker with every blink and
 * glance, so they would keep the rate up for a face that is otherwise still — and they are still
 * measured at the low rate.
 */
export const STEADY_TOLERANCE: Readonly<Partial<Record<CueName, number>>> = {
  smile: 0.1,
  browRaise: 0.1,
  browFurrow: 0.1,
  mouthOpen: 0.1,
  faceCentered: 0.05,
  faceSize: 0.03,
  headYaw: 3,
  headPitch: 3,
  headRoll: 2,
};

const STEADY_CUES = Object.keys(STEADY_TOLERANCE) as CueName[];

/** One analysed frame as the steadiness measure sees it. */
export interface CueFrame {
  /** When the frame was taken (ms, any monotonic clock). */
  at: number;
  /** The primary face's cues, or null when no face was found. */
  cues: FaceCues | null;
}

/**
 * Movement over `frames` relative to the tolerances: the largest range/tolerance of any cue
 * (≤ 1: the face barely changed). Infinity when a frame has no face (no face is not a steady face)
 * or there are no frames.
 */
export function movement(frames: readonly CueFrame[]): number {
  if (!frames.length) return Infinity;
  let worst = 0;
  for (const cue of STEADY_CUES) {
    let lo = Infinity, hi = -Infinity;
    for (const f of frames) {
      if (!f.cues) return Infinity;
      const v = f.cues[cue];
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    worst = Math.max(worst, (hi - lo) / STEADY_TOLERANCE[cue]!);
  }
  return worst;
}

/**
 * Adds `frame` to a window of recent frames and drops those no longer needed: the window keeps one
 * frame at or before `frame.at - windowMs`, so that it can tell whether it spans the whole window.
 */
export function slide(window: readonly CueFrame[], frame: CueFrame, windowMs = STEADY_WINDOW_MS): CueFrame[] {
  const out = [...window, frame];
  const start = frame.at - windowMs;
  while (out.length > 1 && out[1]!.at <= start) out.shift();
  return out;
}

/** True when `window` (from `slide`) spans `windowMs` and the face barely changed over it. */
export function isSteady(window: readonly CueFrame[], windowMs = STEADY_WINDOW_MS): boolean {
  const first = window[0], last = window.at(-1);
  if (!first || !last || last.at - first.at < windowMs) return false;
  return movement(window) <= 1;
}
