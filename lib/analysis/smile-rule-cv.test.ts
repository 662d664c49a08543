// Protects the person-relative smile rule on recorded London cases (test/fixtures/research/smile-cases.json:
// per person, 4 held-out views of the neutral and 4 of the smiling photo, each with the rest window of
// 8 calibration views — numbers from scripts/support/accuracy/smile-calibrated.ts).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SMILE_RULE } from '../feedback/person-rule';
import { chooseSmileRule, crossValidateSmileRule, predictSmile, ruleAccuracy, SMILE_RULE_GRID, type SmileCase, type SmileCvResult } from './smile-rule-cv';

const cases = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../test/fixtures/research/smile-cases.json'), 'utf8')) as SmileCase[];

describe('the person-relative smile rule on 73 London persons', () => {
  it('ships exactly the rule the procedure chooses on all persons', () => {
    expect(new Set(cases.map((c) => c.person)).size).toBe(73);
    expect(chooseSmileRule(cases)).toEqual(SMILE_RULE);
  });

  it('is right ≥ 95% out of sample, ≥ 90% for men, with the choice inside person folds', () => {
    const run = crossValidateSmileRule(cases, 10, [1])[0]!;
    const right = (xs: SmileCvResult['predictions']) => xs.filter((p) => p.predicted === p.case.positive).length / xs.length;
    expect(run.predictions).toHaveLength(cases.length);
    expect(right(run.predictions)).toBeGreaterThanOrEqual(0.95);
    expect(right(run.predictions.filter((p) => p.case.groups.gender === 'male'))).toBeGreaterThanOrEqual(0.9);
  });

  it('beats the blendshape-only starting rule of the issue, max(0.10, 4σ), by more than 3 points', () => {
    const start = { smileFloor: 0.1, widthFloor: Infinity, liftFloor: Infinity, k: 4 };
    expect(ruleAccuracy(SMILE_RULE, cases) - ruleAccuracy(start, cases)).toBeGreaterThan(0.03);
  });

  it('picks the most conservative of equally good rules (grid order: largest floors first)', () => {
    const one = cases.slice(0, 8);
    const chosen = chooseSmileRule(one);
    const first = SMILE_RULE_GRID.find((r) => ruleAccuracy(r, one) === ruleAccuracy(chosen, one));
    expect(chosen).toBe(first);
  });

  it('never calls the rest itself a smile', () => {
    for (const c of cases) expect(predictSmile(SMILE_RULE, { ...c, now: { smile: c.rest.smile.median, mouthWidth: c.rest.mouthWidth?.median, cornerLift: c.rest.cornerLift?.median } })).toBe(false);
  });
});
