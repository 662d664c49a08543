/**
 * Percentile bootstrap over units (persons), with a seeded generator so that a bench run can be
 * repeated number for number. Resampling persons, not photos, keeps a person's smile and neutral
 * photo together: they are not independent examples.
 */

/** Mulberry32: a small, fast 32-bit PRNG; the same seed always gives the same sequence in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from a name (FNV-1a), so each table's resampling is fixed whatever runs before it. */
export function seedFrom(name: string, base = 0): number {
  let h = (0x811c9dc5 ^ base) >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** An estimate with its bootstrap confidence interval. */
export interface Interval {
  estimate: number;
  lo: number;
  hi: number;
  /** Resamples whose statistic was defined (NaN ones are dropped). */
  reps: number;
}

/** Options of `bootstrap`. */
export interface BootstrapOptions {
  reps?: number;
  seed?: number;
  /** Coverage of the interval (0.95 → 2.5th and 97.5th percentiles). */
  level?: number;
}

/** The q-quantile (0..1) of sorted values, linearly interpolated. */
export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * `stat` on `units` and its percentile bootstrap interval: `reps` resamples of as many units, drawn
 * with replacement. With no units the estimate and bounds are NaN.
 */
export function bootstrap<T>(units: readonly T[], stat: (sample: readonly T[]) => number, opts: BootstrapOptions = {}): Interval {
  const { reps = 2000, seed = 1, level = 0.95 } = opts;
  const estimate = units.length ? stat(units) : NaN;
  if (!units.length) return { estimate, lo: NaN, hi: NaN, reps: 0 };
  const rnd = mulberry32(seed);
  const values: number[] = [];
  const sample: T[] = new Array<T>(units.length);
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < units.length; i++) sample[i] = units[Math.floor(rnd() * units.length)]!;
    const v = stat(sample);
    if (Number.isFinite(v)) values.push(v);
  }
  values.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { estimate, lo: quantile(values, tail), hi: quantile(values, 1 - tail), reps: values.length };
}
