// Protects the seeded person-level bootstrap: reproducible runs, hand-checkable intervals, and
// resamples without a defined statistic left out rather than counted.
import { describe, expect, it } from 'vitest';
import { bootstrap, mulberry32, quantile, seedFrom } from './bootstrap';

describe('mulberry32', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = mulberry32(42), b = mulberry32(42), c = mulberry32(43);
    const xs = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(xs);
    expect(Array.from({ length: 5 }, c)).not.toEqual(xs);
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const r = mulberry32(7);
    const xs = Array.from({ length: 20_000 }, r);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    expect(xs.filter((x) => x < 0.25).length / xs.length).toBeCloseTo(0.25, 1);
  });
});

describe('seedFrom', () => {
  it('is stable per name and base, and differs between names', () => {
    expect(seedFrom('smile/auc')).toBe(seedFrom('smile/auc'));
    expect(seedFrom('smile/auc')).not.toBe(seedFrom('smile/accuracy'));
    expect(seedFrom('smile/auc', 1)).not.toBe(seedFrom('smile/auc', 2));
  });
});

describe('quantile', () => {
  it('interpolates between sorted values', () => {
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('bootstrap', () => {
  const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

  it('has no spread when every unit is the same', () => {
    expect(bootstrap([0.5, 0.5, 0.5], mean, { reps: 200 })).toEqual({ estimate: 0.5, lo: 0.5, hi: 0.5, reps: 200 });
  });

  // Two units 0 and 1: a resample's mean is 0, 0.5 or 1 with chance 1/4, 1/2, 1/4, so the 95%
  // interval runs from 0 to 1 around the estimate 0.5.
  it('gives the hand-computed interval for two units', () => {
    const r = bootstrap([0, 1], mean, { reps: 4000, seed: 3 });
    expect(r).toMatchObject({ estimate: 0.5, lo: 0, hi: 1, reps: 4000 });
  });

  it('is the same for the same seed and differs for another', () => {
    const units = Array.from({ length: 30 }, (_, i) => (i * 37) % 11);
    const a = bootstrap(units, mean, { seed: 5 }), b = bootstrap(units, mean, { seed: 5 }), c = bootstrap(units, mean, { seed: 6 });
    expect(a).toEqual(b);
    expect(c.lo === a.lo && c.hi === a.hi).toBe(false);
    expect(a.lo).toBeLessThan(a.estimate);
    expect(a.hi).toBeGreaterThan(a.estimate);
  });

  it('drops resamples whose statistic is undefined, and gives NaN for no units', () => {
    // The statistic needs a 1 in the resample; with units [0, 1] a quarter of resamples have none.
    const r = bootstrap([0, 1], (s) => (s.includes(1) ? mean(s) : NaN), { reps: 4000, seed: 9 });
    expect(r.reps / 4000).toBeCloseTo(0.75, 1);
    expect(r.lo).toBe(0.5);
    expect(bootstrap([], mean)).toEqual({ estimate: NaN, lo: NaN, hi: NaN, reps: 0 });
  });
});
