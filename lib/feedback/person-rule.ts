/**
 * Person-relative decisions: after calibration a movement counts when it rises above the person's
 * own resting value by more than a floor *and* more than the noise seen while they were at rest:
 *
 *     excess = (v − rest) / max(floor, K · σ_rest)        counts when excess > 1
 *
 * σ_rest is 1.4826 × the median absolute deviation of the calibration window (a robust standard
 * deviation). A smile is judged on three measurements and counts when any of them clears its line:
 * the mouthSmile blendshapes, the mouth's width (relative to its resting width) and how far the mouth
 * corners rise (`lib/cues/geometry`). Closed-mouth smiles often barely move the blendshape but do
 * widen the mouth and lift its corners — that is what the population threshold missed in men.
 *
 * The numbers in `SMILE_RULE` are the choice of `chooseSmileRule` (lib/analysis/smile-rule-cv) on all
 * London persons; `npm run bench:accuracy` re-makes the choice inside a person-level
 * cross-validation and reports the out-of-fold accuracy of the whole procedure. Pure.
 */

/** Converts a median absolute deviation into a standard deviation (for normally distributed noise). */
export const MAD_TO_SIGMA = 1.4826;

/** Parameters of the smile rule (units: blendshape score; width relative to rest; lift in eye distances). */
export interface SmileRule {
  smileFloor: number;
  widthFloor: number;
  liftFloor: number;
  /** How many noise σ of the rest window a movement must clear. */
  k: number;
}

/** The shipped smile rule (see the module comment for where it comes from). */
export const SMILE_RULE: SmileRule = { smileFloor: 0.1, widthFloor: 0.06, liftFloor: 0.01, k: 5 };

/** How many rest σ any other expression cue must clear, besides its population line as the floor. */
export const NOISE_K = SMILE_RULE.k;

/** A value at rest: median and median absolute deviation of the calibration window. */
export interface Rest {
  median: number;
  spread: number;
}

/** `(v − rest) / max(floor, k·σ)`: 1 on the line, ≤ 0 at or below rest. */
export function excess(v: number, rest: Rest, floor: number, k: number): number {
  return (v - rest.median) / Math.max(floor, k * MAD_TO_SIGMA * rest.spread);
}

/** The smile measurements of one frame and of the rest window (shape parts absent without a mesh). */
export interface SmileInput {
  smile: number;
  mouthWidth?: number;
  cornerLift?: number;
}

/** Rest window of the smile measurements. */
export interface SmileRest {
  smile: Rest;
  mouthWidth?: Rest;
  cornerLift?: Rest;
}

/** The largest excess of the three smile measurements (> 1: a smile for this person). */
export function smileExcess(now: SmileInput, rest: SmileRest, rule: SmileRule = SMILE_RULE): number {
  let z = excess(now.smile, rest.smile, rule.smileFloor, rule.k);
  const w = rest.mouthWidth;
  if (w && w.median > 0 && now.mouthWidth !== undefined) {
    // Width relative to the resting width, so that the floor means the same on every face.
    z = Math.max(z, excess(now.mouthWidth / w.median, { median: 1, spread: w.spread / w.median }, rule.widthFloor, rule.k));
  }
  if (rest.cornerLift && now.cornerLift !== undefined) z = Math.max(z, excess(now.cornerLift, rest.cornerLift, rule.liftFloor, rule.k));
  return z;
}
