// Protects the logistic regression of the fusion experiments with answers known in advance: the
// closed form of one binary feature, recovery of a generating model, the base rate under a huge
// penalty, the optimality condition, and the invariances standardisation promises.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from './bootstrap';
import { fitLogistic, logisticLogit, logisticProbability, rawCoefficients, sigmoid } from './logistic';

const logit = (p: number): number => Math.log(p / (1 - p));

/** n rows of k standard normal features (Box–Muller) and labels drawn from σ(b + w·x). */
function simulate(n: number, b: number, w: number[], seed: number): { x: number[][]; y: number[] } {
  const rand = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const x = Array.from({ length: n }, () => w.map(normal));
  const y = x.map((r) => (rand() < sigmoid(r.reduce((s, v, j) => s + v * w[j]!, b)) ? 1 : 0));
  return { x, y };
}

describe('fitLogistic', () => {
  it('matches the closed form of one binary feature without a penalty', () => {
    // x = 0: 3 of 10 positive; x = 1: 8 of 10. MLE: intercept logit(0.3), slope logit(0.8) − logit(0.3).
    const x = [...Array(10).fill([0]), ...Array(10).fill([1])] as number[][];
    const y = [...Array(3).fill(1), ...Array(7).fill(0), ...Array(8).fill(1), ...Array(2).fill(0)] as number[];
    const m = fitLogistic(x, y, { lambda: 0 });
    expect(m.converged).toBe(true);
    const raw = rawCoefficients(m);
    expect(raw.intercept).toBeCloseTo(logit(0.3), 8);
    expect(raw.weights[0]).toBeCloseTo(logit(0.8) - logit(0.3), 8);
    expect(logisticProbability(m, [1])).toBeCloseTo(0.8, 8);
  });

  it('recovers the coefficients of the model that generated the data', () => {
    const { x, y } = simulate(20_000, -0.5, [2, -1, 0], 11);
    const raw = rawCoefficients(fitLogistic(x, y, { lambda: 1e-6 }));
    expect(raw.intercept).toBeCloseTo(-0.5, 1);
    expect(raw.weights[0]).toBeCloseTo(2, 1);
    expect(raw.weights[1]).toBeCloseTo(-1, 1);
    expect(Math.abs(raw.weights[2]!)).toBeLessThan(0.05);
  });

  it('shrinks to the base rate (not ½) under a huge penalty: the intercept is not penalised', () => {
    const { x, y } = simulate(400, 1, [1.5, 0.5], 3);
    const m = fitLogistic(x, y, { lambda: 1e6 });
    const rate = y.reduce((s, v) => s + v, 0) / y.length;
    expect(Math.max(...m.weights.map(Math.abs))).toBeLessThan(1e-4);
    expect(m.intercept).toBeCloseTo(logit(rate), 6);
  });

  it('stops where the penalised gradient is zero', () => {
    const { x, y } = simulate(300, 0.2, [1, -2, 0.5, 0], 5);
    const lambda = 0.05;
    const m = fitLogistic(x, y, { lambda });
    const grad = m.weights.map((w, j) =>
      x.reduce((s, r, i) => s + (logisticProbability(m, r) - y[i]!) * (r[j]! - m.mean[j]!) / m.scale[j]!, 0) / x.length + lambda * w);
    const gradIntercept = x.reduce((s, r, i) => s + logisticProbability(m, r) - y[i]!, 0) / x.length;
    for (const g of [...grad, gradIntercept]) expect(Math.abs(g)).toBeLessThan(1e-9);
  });

  it('gives the same predictions whatever the units of a feature (standardised inside the fit)', () => {
    const { x, y } = simulate(300, 0, [1, 1], 8);
    const scaled = x.map(([a, b]) => [a! * 1000 + 7, b!]);
    const m1 = fitLogistic(x, y, { lambda: 0.1 }), m2 = fitLogistic(scaled, y, { lambda: 0.1 });
    x.forEach((r, i) => expect(logisticLogit(m2, scaled[i]!)).toBeCloseTo(logisticLogit(m1, r), 8));
  });

  it('gives a constant feature no weight and no NaN, and refuses a single class', () => {
    const { x, y } = simulate(200, 0, [1], 2);
    const m = fitLogistic(x.map((r) => [r[0]!, 5]), y, { lambda: 0.01 });
    expect(m.weights[1]).toBe(0);
    expect(Number.isFinite(logisticLogit(m, [0.3, 9]))).toBe(true);
    expect(() => fitLogistic([[1], [2]], [1, 1], { lambda: 1 })).toThrow(/one class/);
  });

  it('stays finite on separable data with a small penalty', () => {
    const x = [[0], [1], [2], [3]], y = [0, 0, 1, 1];
    const m = fitLogistic(x, y, { lambda: 1e-3 });
    expect(m.converged).toBe(true);
    expect(logisticProbability(m, [3])).toBeGreaterThan(0.9);
    expect(logisticProbability(m, [0])).toBeLessThan(0.1);
  });
});
