/**
 * Person-level cross-validation with the whole choice inside the loop: for each fold the model (a
 * formula, a threshold, a rule's parameters — whatever `fit` chooses) is chosen on the other
 * persons only, then scored on the fold's persons. The pooled out-of-fold scores are an honest
 * estimate of how the *procedure* does on people it never saw. Pure and seeded.
 */
import { mulberry32 } from './bootstrap';

/** Splits `persons` into `k` folds of near-equal size, in a seeded random order. */
export function personFolds(persons: readonly string[], k: number, seed: number): string[][] {
  const rand = mulberry32(seed);
  const order = [...new Set(persons)].sort();
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const folds: string[][] = Array.from({ length: Math.min(k, order.length) }, () => []);
  order.forEach((p, i) => folds[i % folds.length]!.push(p));
  return folds;
}

/** One fold's outcome: the model chosen without its persons, and its predictions for them. */
export interface FoldResult<M, P> {
  persons: string[];
  model: M;
  predictions: P[];
}

/**
 * Runs `fit` on the training persons of each fold and `predict` on the held-out ones. `items` are
 * anything that carries its person (`personOf`).
 */
export function crossValidate<T, M, P>(
  items: readonly T[],
  personOf: (t: T) => string,
  k: number,
  seed: number,
  fit: (train: T[]) => M,
  predict: (model: M, test: T[]) => P[],
): FoldResult<M, P>[] {
  const folds = personFolds(items.map(personOf), k, seed);
  return folds.map((fold) => {
    const held = new Set(fold);
    const train = items.filter((t) => !held.has(personOf(t)));
    const test = items.filter((t) => held.has(personOf(t)));
    const model = fit(train);
    return { persons: fold, model, predictions: predict(model, test) };
  });
}
