/** Small statistics for the performance bench: pure, so they are unit-tested. */

/** Median of `xs` (mean of the two middle values for an even count); NaN for none. */
export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The `p`-quantile (0..1) by nearest rank; NaN for none. */
export function quantile(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(p * s.length)))]!;
}

/** Arithmetic mean; NaN for none. */
export function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

/** `v` rounded to `d` decimals (NaN and infinities pass through). */
export function round(v: number, d = 1): number {
  if (!Number.isFinite(v)) return v;
  const f = 10 ** d;
  return Math.round(v * f) / f;
}

/** How a list of timings is reported. */
export interface Summary {
  n: number;
  median: number;
  p10: number;
  p90: number;
  mean: number;
}

/** Count, median, p10, p90 and mean of `xs`, rounded to `d` decimals. */
export function summarise(xs: readonly number[], d = 2): Summary {
  return { n: xs.length, median: round(median(xs), d), p10: round(quantile(xs, 0.1), d), p90: round(quantile(xs, 0.9), d), mean: round(mean(xs), d) };
}

/** `value` per minute, from an amount measured over `ms` of wall time. */
export function perMinute(value: number, ms: number): number {
  return ms > 0 ? (value * 60_000) / ms : NaN;
}

/** a / b, or NaN when b is not a positive number. */
export function ratio(a: number, b: number): number {
  return b > 0 && Number.isFinite(a) ? a / b : NaN;
}

/**
 * Frames analysed per second over the stored seconds t with `after` < t ≤ `upto`: their frames over
 * the seconds spanned (a second with no stored row analysed nothing and counts as 0); NaN for no span.
 */
export function framesPerSecond(bySecond: ReadonlyMap<number, number>, after: number, upto: number): number {
  if (!(upto > after)) return NaN;
  let frames = 0;
  for (const [t, n] of bySecond) if (t > after && t <= upto) frames += n;
  return frames / (upto - after);
}

/** How often each value occurs, most frequent first ("machineBusy 38, chosen 21"), with `unit` after each count. */
export function tally(xs: readonly string[], unit = ''): string {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}${unit}`).join(', ');
}
