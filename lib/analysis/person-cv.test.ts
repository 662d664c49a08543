import { describe, expect, it } from 'vitest';
import { crossValidate, personFolds } from './person-cv';

describe('personFolds', () => {
  it('puts every person in exactly one fold, sizes within one, same seed same split', () => {
    const persons = Array.from({ length: 23 }, (_, i) => `p${i}`);
    const folds = personFolds([...persons, ...persons], 5, 7);
    expect(folds.flat().sort()).toEqual([...persons].sort());
    const sizes = folds.map((f) => f.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(personFolds(persons, 5, 7)).toEqual(folds);
    expect(personFolds(persons, 5, 8)).not.toEqual(folds);
  });
});

describe('crossValidate', () => {
  it('never lets a held-out person into the choice', () => {
    const items = ['a', 'a', 'b', 'c', 'c', 'd'].map((person, i) => ({ person, i }));
    const results = crossValidate(items, (t) => t.person, 3, 1, (train) => new Set(train.map((t) => t.person)), (seen, test) => test.map((t) => seen.has(t.person)));
    expect(results.flatMap((r) => r.predictions)).toHaveLength(items.length);
    expect(results.flatMap((r) => r.predictions).every((leak) => !leak)).toBe(true);
  });
});
