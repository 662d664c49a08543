/** Small numeric helpers shared by the cue maths. */

/** Clamps `v` into [lo, hi]. */
export const clamp = (v: number, lo = 0, hi = 1): number => Math.min(hi, Math.max(lo, v));

/** 0 below `a`, 1 above `b`, linear in between (a < b). */
export const ramp = (v: number, a: number, b: number): number => clamp((v - a) / (b - a));

/** Radians to degrees. */
export const deg = (rad: number): number => (rad * 180) / Math.PI;

/** Arithmetic mean; NaN for an empty list. */
export const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

/** Population standard deviation; 0 for fewer than two values. */
export function std(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
}

/** Rounds to `digits` decimals (keeps output and fixtures compact). */
export const round = (v: number, digits = 3): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};
