// Protects the nested cross-validation of the fusion experiments: no fitting means the raw score,
// the choice finds the informative feature, picking among noise is not rewarded (the whole point of
// choosing inside the loop), and per-group AUCs.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from './bootstrap';
import { aucByGroup, chooseConfig, fitConfig, nestedCv, pairedAucDiff, pooledAuc, type Candidate, type FusionRow } from './fusion';

/** `persons` persons with a neutral (label 0) and a smiling (label 1) photo; `signal` separates them, `noiseN` noise features. */
function pairs(persons: number, noiseN: number, seed: number): FusionRow[] {
  const rand = mulberry32(seed);
  return Array.from({ length: persons }, (_, i) => [0, 1].map((label) => {
    const features: Record<string, number> = { signal: label + rand() * 1.5 };
    for (let j = 0; j < noiseN; j++) features[`noise${j}`] = rand();
    return { person: `p${i}`, file: `p${i}/${label}`, label: label as 0 | 1, groups: { gender: i % 2 ? 'female' : 'male' }, features };
  })).flat();
}

describe('fitConfig', () => {
  it('without fitting scores by the first feature itself; fitted, it ranks like the feature it learnt', () => {
    const rows = pairs(20, 1, 1);
    const raw = fitConfig({ id: 'raw', features: ['signal'], lambda: null }, rows);
    expect(rows.map(raw)).toEqual(rows.map((r) => r.features.signal));
    const fitted = fitConfig({ id: 'lr', features: ['signal'], lambda: 0.01 }, rows);
    expect(pooledAuc(rows, fitted)).toBe(pooledAuc(rows, raw));
    expect(() => raw({ ...rows[0]!, features: {} })).toThrow(/no finite "signal"/);
  });
});

describe('chooseConfig', () => {
  it('chooses the informative feature over noise', () => {
    const cand: Candidate = { name: 'x', configs: [{ id: 'noise', features: ['noise0'], lambda: 0.1 }, { id: 'signal', features: ['signal'], lambda: 0.1 }] };
    expect(chooseConfig(cand, pairs(40, 1, 2), 5, 3).config.id).toBe('signal');
  });
});

describe('nestedCv', () => {
  it('with nothing to fit or choose, gives each photo its raw score and the plain AUC', () => {
    const rows = pairs(30, 0, 4);
    const out = nestedCv(rows, { name: 'a', configs: [{ id: 'a', features: ['signal'], lambda: null }] }, { seed: 1 });
    expect(out.scores.size).toBe(rows.length);
    for (const r of rows) expect(out.scores.get(r.file)).toBe(r.features.signal);
    expect(out.auc).toBe(pooledAuc(rows, (r) => r.features.signal!));
    expect(out.chosen).toHaveLength(10);
  });

  it('does not reward picking the luckiest of many noise features', () => {
    const rows = pairs(40, 30, 5);
    const configs = Array.from({ length: 30 }, (_, j) => ({ id: `n${j}`, features: [`noise${j}`], lambda: null }));
    // Picked on all the data, the luckiest noise feature looks like a real score…
    const bestInSample = Math.max(...configs.map((c) => pooledAuc(rows, (r) => r.features[c.features[0]!]!)));
    expect(bestInSample).toBeGreaterThan(0.62);
    // …picked inside the loop, it is the coin it is.
    const nested = [1, 2, 3].map((seed) => nestedCv(rows, { name: 'noise', configs }, { seed }).auc);
    const mean = nested.reduce((s, v) => s + v, 0) / nested.length;
    expect(mean).toBeLessThan(bestInSample - 0.1);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.12);
  });

  it('is repeatable for a seed', () => {
    const rows = pairs(30, 2, 6);
    const cand: Candidate = { name: 'x', configs: [0.01, 1].map((lambda) => ({ id: `l${lambda}`, features: ['signal', 'noise0', 'noise1'], lambda })) };
    expect(nestedCv(rows, cand, { seed: 9 })).toEqual(nestedCv(rows, cand, { seed: 9 }));
  });
});

describe('aucByGroup', () => {
  it('computes the AUC of each group from its own photos', () => {
    const rows: FusionRow[] = [
      { person: 'a', file: 'a0', label: 0, groups: { g: 'x' }, features: {} },
      { person: 'a', file: 'a1', label: 1, groups: { g: 'x' }, features: {} },
      { person: 'b', file: 'b0', label: 0, groups: { g: 'y' }, features: {} },
      { person: 'b', file: 'b1', label: 1, groups: { g: 'y' }, features: {} },
      { person: 'c', file: 'c0', label: 0, groups: {}, features: {} },
    ];
    const scores = new Map([['a0', 0.1], ['a1', 0.9], ['b0', 0.8], ['b1', 0.2], ['c0', 0.5]]);
    expect(aucByGroup(rows, scores, 'g')).toEqual([{ group: 'x', persons: 1, auc: 1 }, { group: 'y', persons: 1, auc: 0 }]);
  });
});

describe('pairedAucDiff', () => {
  it('is zero for a score against itself and brackets a real difference', () => {
    const rows = pairs(40, 1, 7);
    const signal = new Map(rows.map((r) => [r.file, r.features.signal!]));
    const noise = new Map(rows.map((r) => [r.file, r.features.noise0!]));
    expect(pairedAucDiff(rows, signal, signal, 200)).toMatchObject({ estimate: 0, lo: 0, hi: 0 });
    const d = pairedAucDiff(rows, signal, noise, 500);
    expect(d.estimate).toBeCloseTo(pooledAuc(rows, (r) => r.features.signal!) - pooledAuc(rows, (r) => r.features.noise0!), 12);
    expect(d.lo).toBeGreaterThan(0);
    expect(d.hi).toBeGreaterThanOrEqual(d.estimate);
  });
});
