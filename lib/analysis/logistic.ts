/**
 * A small L2-penalised logistic regression, fitted by Newton's method (IRLS). Pure and exact enough
 * for a few dozen features and a few hundred rows, which is all the fusion experiments need.
 *
 * Features are standardised inside `fitLogistic` (training mean and SD), so one λ means the same
 * shrinkage for a blendshape in [0, 1] and a geometry ratio or a logit in [−14, 14]: without it the
 * penalty would favour whichever feature happens to have the widest range. The intercept is never
 * penalised, so a huge λ gives the base rate, not ½.
 */

/** A fitted model; `weights` act on standardised features ((x − mean) / scale). */
export interface LogisticModel {
  mean: number[];
  /** Training SD per feature; 1 for a feature that was constant in training (its weight is then 0). */
  scale: number[];
  weights: number[];
  intercept: number;
  lambda: number;
  iterations: number;
  /** False when Newton stopped at `maxIterations` (e.g. separable data with λ = 0). */
  converged: boolean;
}

/** Options of `fitLogistic`. */
export interface LogisticOptions {
  /** L2 penalty on the standardised weights; the objective is mean log-loss + λ/2·‖w‖². */
  lambda: number;
  maxIterations?: number;
  /** Stop when no coefficient moves more than this. */
  tolerance?: number;
}

/** 1 / (1 + e^−z), without overflow for large |z|. */
export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** log(1 + e^z) without overflow. */
const softplus = (z: number): number => (z > 30 ? z : Math.log1p(Math.exp(z)));

/** Solves A·x = b for a symmetric positive definite A (Cholesky); A and b are left untouched. */
function solveSpd(a: number[][], b: number[]): number[] {
  const n = b.length;
  const l = a.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = i === j ? Math.sqrt(Math.max(s, 1e-300)) : s / l[j]![j]!;
    }
  }
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * y[k]!;
    y[i] = s / l[i]![i]!;
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k]![i]! * x[k]!;
    x[i] = s / l[i]![i]!;
  }
  return x;
}

/**
 * Fits P(y = 1 | x) = σ(b + w·(x − mean)/scale) to rows `x` and labels `y` (0 or 1). Throws when
 * `y` holds only one class (no slope is identifiable, and the intercept would run off to ±∞).
 */
export function fitLogistic(x: readonly (readonly number[])[], y: readonly number[], opts: LogisticOptions): LogisticModel {
  const { lambda, maxIterations = 100, tolerance = 1e-9 } = opts;
  const n = x.length, d = x[0]?.length ?? 0;
  if (!n || n !== y.length) throw new Error('fitLogistic: need as many labels as rows, and at least one row');
  if (y.every((v) => v === y[0])) throw new Error('fitLogistic: labels hold only one class');
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j]!, 0) / n);
  const scale = mean.map((m, j) => Math.sqrt(x.reduce((s, r) => s + (r[j]! - m) ** 2, 0) / n) || 1);
  // Design rows with a leading 1 for the intercept.
  const z = x.map((r) => [1, ...r.map((v, j) => (v - mean[j]!) / scale[j]!)]);
  const p = d + 1;
  let beta = new Array<number>(p).fill(0);
  beta[0] = Math.log(y.reduce((s, v) => s + v, 0) / (n - y.reduce((s, v) => s + v, 0))); // base rate: a good start
  const linear = (b: number[], r: number[]) => r.reduce((s, v, j) => s + v * b[j]!, 0);
  const objective = (b: number[]) =>
    z.reduce((s, r, i) => {
      const eta = linear(b, r);
      return s + softplus(eta) - y[i]! * eta;
    }, 0) / n + (lambda / 2) * b.slice(1).reduce((s, v) => s + v * v, 0);

  let iterations = 0, converged = false;
  while (iterations < maxIterations && !converged) {
    iterations++;
    const grad = beta.map((v, j) => (j ? lambda * v : 0));
    // A tiny ridge keeps the Hessian invertible for λ = 0 with a constant feature.
    const hess = Array.from({ length: p }, (_, j) => Array.from({ length: p }, (_, k) => (j === k ? (j ? lambda : 0) + 1e-12 : 0)));
    for (let i = 0; i < n; i++) {
      const r = z[i]!, mu = sigmoid(linear(beta, r)), w = mu * (1 - mu) / n, e = (mu - y[i]!) / n;
      for (let j = 0; j < p; j++) {
        grad[j]! += e * r[j]!;
        for (let k = 0; k <= j; k++) hess[j]![k]! += w * r[j]! * r[k]!;
      }
    }
    for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) hess[k]![j] = hess[j]![k]!;
    const step = solveSpd(hess, grad);
    // Step halving: on (near-)separable data a full Newton step can overshoot.
    const before = objective(beta);
    let t = 1, next = beta.map((v, j) => v - step[j]!);
    while (objective(next) > before + 1e-15 && t > 1e-6) {
      t /= 2;
      next = beta.map((v, j) => v - t * step[j]!);
    }
    converged = Math.max(...next.map((v, j) => Math.abs(v - beta[j]!))) < tolerance;
    beta = next;
  }
  return { mean, scale, weights: beta.slice(1), intercept: beta[0]!, lambda, iterations, converged };
}

/** The linear predictor (log-odds) of a row of raw features. */
export function logisticLogit(m: LogisticModel, row: readonly number[]): number {
  return row.reduce((s, v, j) => s + m.weights[j]! * (v - m.mean[j]!) / m.scale[j]!, m.intercept);
}

/** P(y = 1) for a row of raw features. */
export const logisticProbability = (m: LogisticModel, row: readonly number[]): number => sigmoid(logisticLogit(m, row));

/** The same model as an intercept and weights on the raw features, for reading a fitted formula. */
export function rawCoefficients(m: LogisticModel): { intercept: number; weights: number[] } {
  const weights = m.weights.map((w, j) => w / m.scale[j]!);
  return { intercept: m.intercept - weights.reduce((s, w, j) => s + w * m.mean[j]!, 0), weights };
}
