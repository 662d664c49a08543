// Protects the per-person group tables of the accuracy bench: hand-checked metrics, group split,
// the largest gap, and reproducible intervals on the recorded London pairs.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frameCues } from '../cues/frame-cues';
import type { FrameObservation } from '../cues/observation';
import { groupTable, largestGap, metrics, type PersonScores } from './groups';
import { rocAuc } from './roc';

const hand: PersonScores[] = [
  { person: 'a', groups: { g: 'x' }, pos: [0.9], neg: [0.1] },
  { person: 'b', groups: { g: 'x' }, pos: [0.6], neg: [0.7] },
  { person: 'c', groups: { g: 'y' }, pos: [0.8], neg: [0.2] },
];

describe('metrics', () => {
  it('pools the persons: AUC 8/9, accuracy 5/6 at 0.5, 2 of 3 above their own negative', () => {
    const m = metrics('hand', hand, 0.5, { reps: 300 });
    // pairs: 0.9 > all three; 0.6 > 0.1, 0.2 only; 0.8 > all three
    expect(m.auc.estimate).toBeCloseTo(8 / 9, 12);
    expect(m.accuracy.estimate).toBeCloseTo(5 / 6, 12);
    expect(m).toMatchObject({ persons: 3, pos: 3, neg: 3, small: true, threshold: 0.5, withinPerson: { count: 2, of: 3 } });
    expect(m.auc.lo).toBeLessThanOrEqual(m.auc.estimate);
    expect(m.auc.hi).toBe(1);
  });
});

describe('groupTable and largestGap', () => {
  it('splits by the attribute, in group order, and finds the gap between x (0.75) and y (1)', () => {
    const rows = groupTable('hand', [...hand, { person: 'd', groups: {}, pos: [0], neg: [1] }], 'g', 0.5, { reps: 300 });
    expect(rows.map((r) => [r.group, r.persons, r.auc.estimate])).toEqual([['x', 2, 0.75], ['y', 1, 1]]);
    expect(largestGap(rows, 'auc')).toEqual({ metric: 'auc', low: { group: 'x', value: 0.75, persons: 2 }, high: { group: 'y', value: 1, persons: 1 }, gap: 0.25 });
    expect(largestGap(rows.slice(0, 1), 'auc')).toBeNull();
    expect(largestGap(rows, 'auc', 2)).toBeNull(); // y has one person only
  });
});

describe('on the recorded London pairs (test/fixtures/stills.json)', () => {
  const stills = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../test/fixtures/stills.json'), 'utf8')) as Record<string, FrameObservation>;
  const smileOf = (k: string): number => frameCues(stills[k]!).cues!.smile;
  const persons: PersonScores[] = Object.keys(stills).filter((k) => k.startsWith('A/london/neutral/')).map((n) => {
    const id = n.split('/').pop()!.split('_')[0]!;
    const s = Object.keys(stills).find((k) => k.startsWith(`A/london/smiling/${id}_`))!;
    // A grouping the fixture can carry (demographics stay in ../shared): odd and even person numbers.
    return { person: id, groups: { parity: Number(id) % 2 ? 'odd' : 'even' }, pos: [smileOf(s)], neg: [smileOf(n)] };
  });

  it('gives the pooled AUC with an interval around it, the same on every run', () => {
    const m = metrics('london', persons, 0.5, { reps: 500, seed: 7 });
    expect(m.auc.estimate).toBeCloseTo(rocAuc(persons.map((p) => p.pos[0]!), persons.map((p) => p.neg[0]!)), 12);
    expect(m.auc.lo).toBeLessThan(m.auc.estimate);
    expect(m.auc.hi).toBeGreaterThan(m.auc.estimate);
    expect(m.auc.lo).toBeGreaterThan(0.85);
    expect(m.withinPerson).toEqual({ count: 73, of: 73 }); // every smile above its own neutral, as measured on this machine
    expect(m.small).toBe(false);
    expect(metrics('london', persons, 0.5, { reps: 500, seed: 7 })).toEqual(m);
  });

  it('splits all 73 persons into the groups, each with its own interval', () => {
    const rows = groupTable('london', persons, 'parity', 0.5, { reps: 300 });
    expect(rows.map((r) => r.group)).toEqual(['even', 'odd']);
    expect(rows.reduce((s, r) => s + r.persons, 0)).toBe(73);
    for (const r of rows) expect(r.auc.lo).toBeLessThanOrEqual(r.auc.estimate);
    const gap = largestGap(rows, 'auc')!;
    expect(gap.gap).toBeCloseTo(Math.abs(rows[0]!.auc.estimate - rows[1]!.auc.estimate), 12);
  });
});
