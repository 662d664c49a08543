/**
 * The resource governor of a call session: after each analysed frame it decides how long to wait
 * before the next one, so that Selfview's measured work stays under a CPU budget, drops to a low
 * rate while the face is steady, and backs off while the machine is busy. Pure: timestamps, costs
 * and cues in, the next interval and its reason out (the caller measures; nothing here reads a clock).
 */
import type { FaceCues } from '../cues/types';
import { isSteady, slide, type CueFrame } from './steadiness';

/** Why the rate is what it is ('chosen': the user's call rate, nothing lowered it). */
export type RateReason = 'chosen' | 'faceSteady' | 'overBudget' | 'machineBusy';

/** What the governor is asked to keep to. */
export interface GovernorConfig {
  /** The user's call rate (frames/s): the most the governor ever asks for. */
  chosenFps: number;
  /** Fraction of one CPU core Selfview's measured work may use (0.33 = a third of a core). */
  budget: number;
}

/** One analysed frame, measured by the caller. */
export interface FrameSample {
  /** When the frame was taken (ms, monotonic). */
  at: number;
  /** Selfview's work for this frame (ms): grabbing its pixels, handing them over, detection and cue maths. */
  costMs: number;
  /** Detection time of this frame in the engine (ms). */
  detectMs: number;
  /** How late the timer that started this frame fired (ms; 0 when unknown). */
  lagMs: number;
  /** The primary face's cues, or null without a face. */
  cues: FaceCues | null;
}

/** The governor's answer. */
export interface RateDecision {
  fps: number;
  /** 1000 / fps: time from the start of one frame to the start of the next. */
  intervalMs: number;
  reason: RateReason;
}

/** Rate while the face is steady: a change is still seen within half a second. */
export const LOW_FPS = 2;
/** Never slower than this, so every second of the call still gets a frame. */
export const MIN_FPS = 1;
/** The first frames warm the engine up (graph set-up, caches) and say nothing about its usual cost. */
export const WARMUP_FRAMES = 5;
/** Costs the budget is judged on (median: one slow frame does not lower the rate). */
const COST_WINDOW = 10;
/** Detection times that make up "usual" (median), and how many recent ones are compared with it. */
const USUAL_WINDOW = 60;
const RECENT = 3;
/** Busy: recent detection this many times its usual time (and at least BUSY_EXTRA_MS more), or timers this late. */
const BUSY_FACTOR = 1.8;
const BUSY_EXTRA_MS = 15;
const BUSY_LAG_MS = 100;
/** Back off at most once a second (halving); recover one frame/s every two seconds. */
const BACKOFF_EVERY_MS = 1000;
const RECOVER_EVERY_MS = 2000;

/** Everything the governor remembers between frames. */
export interface GovernorState {
  config: GovernorConfig;
  frames: number;
  costs: number[];
  detects: number[];
  lags: number[];
  window: CueFrame[];
  /** The rate while backing off from a busy machine (null: not backing off). */
  busyFps: number | null;
  busyChangedAt: number;
  last: RateDecision;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const keep = (xs: readonly number[], x: number, n: number): number[] => [...xs, x].slice(-n);
const decision = (fps: number, reason: RateReason): RateDecision => ({ fps, intervalMs: 1000 / fps, reason });

/** The state before the first frame: the chosen rate. */
export function initialGovernor(config: GovernorConfig): GovernorState {
  return { config, frames: 0, costs: [], detects: [], lags: [], window: [], busyFps: null, busyChangedAt: -Infinity, last: decision(Math.max(MIN_FPS, config.chosenFps), 'chosen') };
}

/** True when the machine looks busy: detection well above its usual time, or timers firing late. */
export function looksBusy(detects: readonly number[], lags: readonly number[]): boolean {
  if (lags.length >= RECENT && median(lags.slice(-RECENT)) > BUSY_LAG_MS) return true;
  if (detects.length < RECENT + 7) return false; // too few frames to know what is usual
  const usual = median(detects.slice(0, -RECENT));
  const recent = median(detects.slice(-RECENT));
  return recent > usual * BUSY_FACTOR && recent - usual > BUSY_EXTRA_MS;
}

/** Takes one analysed frame; returns the new state and the rate until the next frame. */
export function govern(state: GovernorState, s: FrameSample): { state: GovernorState; decision: RateDecision } {
  const { chosenFps, budget } = state.config;
  const frames = state.frames + 1;
  const warm = frames > WARMUP_FRAMES;
  const costs = warm ? keep(state.costs, s.costMs, COST_WINDOW) : state.costs;
  const detects = warm ? keep(state.detects, s.detectMs, USUAL_WINDOW) : state.detects;
  const lags = warm ? keep(state.lags, s.lagMs, RECENT) : state.lags;
  const window = slide(state.window, { at: s.at, cues: s.cues });

  // Busy: multiplicative back-off, additive recovery (a short spike costs little, a long one is followed).
  let { busyFps, busyChangedAt } = state;
  const since = s.at - busyChangedAt;
  if (warm && looksBusy(detects, lags)) {
    if (since >= BACKOFF_EVERY_MS) {
      busyFps = Math.max(MIN_FPS, Math.min(busyFps ?? Infinity, state.last.fps) / 2);
      busyChangedAt = s.at;
    }
  } else if (busyFps !== null && since >= RECOVER_EVERY_MS) {
    busyFps = busyFps + 1 >= chosenFps ? null : busyFps + 1;
    busyChangedAt = s.at;
  }

  // The lowest candidate wins; on a tie the earlier (more ordinary) reason is given.
  const costMs = costs.length ? median(costs) : 0;
  const candidates: [number, RateReason][] = [
    [chosenFps, 'chosen'],
    [isSteady(window) ? LOW_FPS : Infinity, 'faceSteady'],
    [costMs > 0 ? (budget * 1000) / costMs : Infinity, 'overBudget'],
    [busyFps ?? Infinity, 'machineBusy'],
  ];
  let [fps, reason] = candidates[0]!;
  for (const [f, r] of candidates) if (f < fps) [fps, reason] = [f, r];
  const d = decision(Math.max(MIN_FPS, fps), reason);
  return { state: { config: state.config, frames, costs, detects, lags, window, busyFps, busyChangedAt, last: d }, decision: d };
}
