/**
 * Chooses the person-relative smile rule (`lib/feedback/person-rule`) and measures the choice
 * honestly: `chooseSmileRule` picks the floors and the noise multiple with the best accuracy on the
 * people it is given; `crossValidateSmileRule` runs that whole choice inside a person-level
 * cross-validation, so every prediction is made by a rule chosen without that person. Pure.
 */
import { smileExcess, type SmileInput, type SmileRest, type SmileRule } from '../feedback/person-rule';
import { crossValidate } from './person-cv';

/** One test picture of one person, with the rest window it is judged against. */
export interface SmileCase {
  person: string;
  groups: Record<string, string>;
  /** True for a smiling picture. */
  positive: boolean;
  now: SmileInput;
  rest: SmileRest;
}

/** A measurement that is switched off (its floor is never cleared). */
const OFF = Number.POSITIVE_INFINITY;

/**
 * The candidate rules: floors for each of the three measurements (or the measurement off) and the
 * noise multiple. Ordered from the largest floors down, so that among equally accurate rules the
 * choice falls on the most conservative one (fewer false smiles on people not seen).
 * The blendshape floor starts at 0.10 (the starting rule): lower floors score a little better
 * on photos, whose neutral test views are still, but on the talking clips a 0.03 floor read 7% of
 * no-smile seconds as smiles against 3% at 0.10 (bench/results/accuracy.md) — speech moves the mouth.
 */
export const SMILE_RULE_GRID: readonly SmileRule[] = (() => {
  const out: SmileRule[] = [];
  for (const smileFloor of [0.2, 0.15, 0.12, 0.1])
    for (const widthFloor of [OFF, 0.08, 0.06, 0.05, 0.04, 0.03])
      for (const liftFloor of [OFF, 0.015, 0.012, 0.01, 0.008, 0.006])
        for (const k of [5, 4, 3]) out.push({ smileFloor, widthFloor, liftFloor, k });
  return out;
})();

/** The rule's decision for one case: a smile when the largest excess clears 1. */
export const predictSmile = (rule: SmileRule, c: SmileCase): boolean => smileExcess(c.now, c.rest, rule) > 1;

/** Share of cases the rule gets right. */
export function ruleAccuracy(rule: SmileRule, cases: readonly SmileCase[]): number {
  return cases.filter((c) => predictSmile(rule, c) === c.positive).length / cases.length;
}

/** The most accurate rule of the grid on `cases` (the first, i.e. most conservative, of equals). */
export function chooseSmileRule(cases: readonly SmileCase[], grid: readonly SmileRule[] = SMILE_RULE_GRID): SmileRule {
  let best = grid[0]!, bestAcc = -1;
  for (const r of grid) {
    const a = ruleAccuracy(r, cases);
    if (a > bestAcc + 1e-12) [best, bestAcc] = [r, a];
  }
  return best;
}

/** Out-of-fold predictions of the whole procedure, with the rule each fold chose. */
export interface SmileCvResult {
  seed: number;
  rules: SmileRule[];
  predictions: { case: SmileCase; predicted: boolean }[];
}

/** `chooseSmileRule` inside a `k`-fold person-level cross-validation, once per seed. */
export function crossValidateSmileRule(cases: readonly SmileCase[], k: number, seeds: readonly number[], grid: readonly SmileRule[] = SMILE_RULE_GRID): SmileCvResult[] {
  return seeds.map((seed) => {
    const folds = crossValidate(cases, (c) => c.person, k, seed, (train) => chooseSmileRule(train, grid),
      (rule, test) => test.map((c) => ({ case: c, predicted: predictSmile(rule, c) })));
    return { seed, rules: folds.map((f) => f.model), predictions: folds.flatMap((f) => f.predictions) };
  });
}
