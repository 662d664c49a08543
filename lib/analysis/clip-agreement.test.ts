// Protects the video agreement figures: pairing with the consensus, recalls, block resampling, on the real clips and labels.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agreementPoint, fieldAgreement, pairSeconds, secondBlocks, type LabelledSecond } from './clip-agreement';
import { FIELD_RULES, readSeconds, unpackClip, type PackedClip } from './second-reading';
import { consensus, parseRaterLabels, type SecondField } from './validation-labels';

const ROOT = resolve(import.meta.dirname, '../..');
const CLIPS = [{ id: 'cap12', fps: 25 }, { id: 'cap13', fps: 25 }, { id: 'franck', fps: 24 }];
const text = (p: string): string => readFileSync(resolve(ROOT, p), 'utf8');
const data = CLIPS.map((c) => ({
  ...c,
  frames: unpackClip(JSON.parse(text(`test/fixtures/research/cues-${c.id}.json`)) as PackedClip),
  truth: consensus(parseRaterLabels(text(`test/validation/labels/${c.id}.r1.tsv`)), parseRaterLabels(text(`test/validation/labels/${c.id}.r2.tsv`))),
}));
const rows = (field: SecondField, only?: string): LabelledSecond[] =>
  data.filter((c) => !only || c.id === only).flatMap((c) => pairSeconds(c.id, readSeconds(c.frames, c.fps, FIELD_RULES[field]), c.truth.seconds[field]));

describe('agreement with the raters on the recorded clips', () => {
  it('franck gaze: 176 of 187 seconds agree, all 6 `away` seconds read away', () => {
    const r = fieldAgreement('franck', rows('gaze', 'franck'), FIELD_RULES.gaze, { reps: 300 });
    expect(r.confusion).toEqual({ at: { at: 170, away: 11 }, away: { away: 6 } });
    expect(r.accuracy.estimate).toBeCloseTo(176 / 187, 12);
    expect(r.recallNegative.estimate).toBe(1);
    expect(r.accuracy.lo).toBeLessThanOrEqual(r.accuracy.estimate);
    expect(r.accuracy.hi).toBeGreaterThanOrEqual(r.accuracy.estimate);
  });

  it('pooled mouth: the shipped line misses most open seconds though the score separates them', () => {
    const r = fieldAgreement('pooled', rows('mouth'), FIELD_RULES.mouth, { reps: 300 });
    expect([r.positives, r.negatives, r.unread]).toEqual([72, 183, 0]);
    expect(r.recallPositive.estimate).toBeCloseTo(9 / 72, 12);
    expect(r.recallNegative.estimate).toBe(1);
    expect(r.auc.estimate).toBeGreaterThan(0.9);
    expect(r.medianScore.positive).toBeLessThan(0.3);
  });

  it('leaves a class without seconds undefined rather than perfect', () => {
    const p = agreementPoint(rows('eyes'), FIELD_RULES.eyes);
    expect(p.accuracy).toBe(1);
    expect(p.recallPositive).toBeNaN();
    expect(p.balancedAccuracy).toBeNaN();
    expect(p.auc).toBeNaN();
  });
});

describe('secondBlocks', () => {
  it('cuts each clip into 10-second blocks of its own', () => {
    const b = secondBlocks(rows('gaze'));
    expect(b.every((blk) => new Set(blk.map((r) => `${r.clip}${Math.floor(r.second / 10)}`)).size === 1)).toBe(true);
    expect(b.flat()).toHaveLength(266);
    expect(b.length).toBe(6 + 3 + 20);
  });
});
