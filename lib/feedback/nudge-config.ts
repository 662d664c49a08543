/**
 * Settings of the nudge rules and the local "not helpful" adaptation. Plain JSON both, so the
 * caller can store them; the rules themselves live in `nudge-rules.ts`, the engine in `nudges.ts`.
 */
import { ABOVE_THRESHOLD } from '../cues/aggregate';
import { QUALITY_THRESHOLD } from './quality-gate';

/**
 * The nudge kinds, in priority order: when several are due in the same second and none has waited
 * longer than the others, the first wins. Framing leads because a badly framed face weakens every
 * other reading; the smile goal is last because it is a reminder, not a correction.
 */
export const NUDGE_KINDS = ['framing', 'lookAway', 'browFurrow', 'lowBlink', 'noSmile'] as const;

export type NudgeKind = (typeof NUDGE_KINDS)[number];

/** What every rule has: a switch and the stretch of time it looks back over. */
export interface RuleBase {
  enabled: boolean;
  /** Seconds of history the rule judges (before adaptation lengthens it). */
  windowS: number;
}

/** Rules that fire when a share of the judged seconds shows a movement. */
export interface ShareRule extends RuleBase {
  /** Share (0..1) of the window's judged seconds that must show it. */
  share: number;
}

export interface LookAwayRule extends ShareRule {
  /** A second counts as "not at the camera" when fewer than this share of its frames were. */
  awayBelow: number;
}

export interface BrowFurrowRule extends ShareRule {
  /** A second counts as "brows drawn together" when at least this share of its frames were. */
  furrowFrom: number;
}

export interface FramingRule extends ShareRule {
  /** A second is off-centre when its mean `faceCentered` is below this. */
  centredBelow: number;
  /** A second is too far when its mean `faceSize` is below this, too close when above `sizeAbove`. */
  sizeBelow: number;
  sizeAbove: number;
}

export interface LowBlinkRule extends RuleBase {
  /** Fires when the blink rate over the judged seconds is below this many per minute. */
  perMin: number;
}

export interface NudgeRules {
  lookAway: LookAwayRule;
  browFurrow: BrowFurrowRule;
  noSmile: ShareRule;
  framing: FramingRule;
  lowBlink: LowBlinkRule;
}

export interface NudgeConfig {
  /** No nudges at all while true (seconds are still judged, so evidence is ready when it ends). */
  quiet: boolean;
  /** The user set a smile goal: only then does `noSmile` run. */
  smileGoal: boolean;
  /**
   * The person has a baseline: the smile's calibrated accuracy applies rather than the
   * uncalibrated one when the reliability gate decides whether `noSmile` may fire.
   */
  calibrated: boolean;
  /** Quality a second needs to be judged (see `gate`). */
  qualityThreshold: number;
  /** A rule judges only when at least this share of its window passed the gate. */
  minJudgedShare: number;
  /** Seconds between any two nudges. */
  globalCooldownS: number;
  /** Seconds between two nudges of the same kind (before adaptation lengthens it). */
  kindCooldownS: number;
  rules: NudgeRules;
}

export const DEFAULT_NUDGE_CONFIG: NudgeConfig = {
  quiet: false,
  smileGoal: false,
  calibrated: false,
  qualityThreshold: QUALITY_THRESHOLD,
  // Four judged seconds in five: fewer, and the window says more about the light than about the face.
  minJudgedShare: 0.8,
  // Two minutes between nudges: more often and they become noise in a conversation.
  globalCooldownS: 120,
  // Five minutes before the same point is made again: it was heard the first time.
  kindCooldownS: 300,
  rules: {
    // Mostly away from the camera (60 of the last 75 s): a minute is long enough to notice, and
    // glances at notes or the screen in between do not break the stretch.
    lookAway: { enabled: true, windowS: 75, share: 0.8, awayBelow: 0.5 },
    // Brows drawn together in 70% of the last 90 s: concentration furrows come and go; only a
    // held furrow, where the forehead stays tense, is worth a word.
    browFurrow: { enabled: true, windowS: 90, share: 0.7, furrowFrom: 0.5 },
    // Not a single second with a smile in 3 minutes: the goal is the user's own, so a reminder
    // after a real stretch helps; sooner would nag in every serious passage.
    noSmile: { enabled: true, windowS: 180, share: 1 },
    // Out of frame for 80% of 30 s: a brief lean or reach is normal; half a minute is a new position.
    // Off-centre: the face centre more than ~a fifth of the picture from the middle (faceCentered 0.5).
    // Too far: under 18% of the picture height, where quality.ts stops trusting the mesh fully and
    // the face is small for the others. Too close: over 60%, where the face fills the picture (a
    // recorded still at 15 cm reads 0.59).
    framing: { enabled: true, windowS: 30, share: 0.8, centredBelow: 0.5, sizeBelow: 0.18, sizeAbove: 0.6 },
    // Under 5 blinks a minute over 2 minutes: relaxed blinking runs at roughly 15–20 a minute and
    // drops to about 5–7 during screen work, so below 5 for two minutes is staring even by screen
    // standards. Blinks are counted only in judged seconds, where the eyes were visible.
    // Off by default: at 5–10 analysed frames a second the counter misses short blinks (both
    // recorded webcam clips read 1–2 a minute), so this rule would fire on almost everyone.
    lowBlink: { enabled: false, windowS: 120, perMin: 5 },
  },
};

/** A partial config: top-level fields and any subset of each rule's fields. */
export type NudgeConfigPatch = Partial<Omit<NudgeConfig, 'rules'>> & { rules?: { [K in NudgeKind]?: Partial<NudgeRules[K]> } };

/** The defaults with `patch` applied (rules merged field by field). */
export function nudgeConfig(patch: NudgeConfigPatch = {}, base: NudgeConfig = DEFAULT_NUDGE_CONFIG): NudgeConfig {
  const { rules, ...top } = patch;
  return {
    ...base,
    ...top,
    rules: {
      lookAway: { ...base.rules.lookAway, ...rules?.lookAway },
      browFurrow: { ...base.rules.browFurrow, ...rules?.browFurrow },
      noSmile: { ...base.rules.noSmile, ...rules?.noSmile },
      framing: { ...base.rules.framing, ...rules?.framing },
      lowBlink: { ...base.rules.lowBlink, ...rules?.lowBlink },
    },
  };
}

/** A second with any frame above the smile threshold counts as a smile (`noSmile` uses it). */
export const SMILE_ABOVE = ABOVE_THRESHOLD.smile;

// --- Adaptation --------------------------------------------------------------------------------

/** Bumped when the stored shape or meaning changes; an older stored adaptation is dropped. */
export const ADAPTATION_VERSION = 1;

/** Each "not helpful" lengthens the rule's stretch and its own cooldown by 25%… */
export const ADAPT_STEP = 1.25;
/** …up to twice the default, so a rule is quieted but never argued out of existence (disable it for that). */
export const ADAPT_MAX = 2;

/**
 * Local adaptation to "not helpful": per kind, the factor applied to the rule's window and to its
 * cooldown (1 = default). Plain JSON for storage.
 */
export interface Adaptation {
  version: typeof ADAPTATION_VERSION;
  factor: Partial<Record<NudgeKind, number>>;
}

export const NO_ADAPTATION: Adaptation = { version: ADAPTATION_VERSION, factor: {} };

/**
 * One "not helpful" for a rule: its factor grows by `ADAPT_STEP`, capped at `ADAPT_MAX`. A longer
 * stretch makes an intermittent pattern less likely to qualify; a longer cooldown spaces out the
 * repeats of a pattern that persists — so the rule fires less either way.
 */
export function adaptThreshold(factor = 1): number {
  return Math.min(ADAPT_MAX, Math.max(1, factor) * ADAPT_STEP);
}

/** The window and cooldown (seconds) of a rule under an adaptation factor. */
export function adaptedTiming(windowS: number, cooldownS: number, factor = 1): { windowS: number; cooldownS: number } {
  const f = Math.min(ADAPT_MAX, Math.max(1, factor));
  return { windowS: Math.round(windowS * f), cooldownS: Math.round(cooldownS * f) };
}

/** A stored adaptation, checked: unknown kinds and out-of-range factors are dropped; another version reads as none. */
export function parseAdaptation(stored: unknown): Adaptation {
  if (typeof stored !== 'object' || stored === null) return NO_ADAPTATION;
  const a = stored as Partial<Adaptation>;
  if (a.version !== ADAPTATION_VERSION || typeof a.factor !== 'object' || a.factor === null) return NO_ADAPTATION;
  const factor: Partial<Record<NudgeKind, number>> = {};
  for (const k of NUDGE_KINDS) {
    const f = a.factor[k];
    if (typeof f === 'number' && Number.isFinite(f) && f > 1) factor[k] = Math.min(ADAPT_MAX, f);
  }
  return { version: ADAPTATION_VERSION, factor };
}
