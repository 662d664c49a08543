// Protects the looking-into-the-lens check: the share read at camera, its margin and bounds, on the recorded London photos.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lensReport, lensRow, type LensPhoto } from './lens-gaze';

const fx = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../test/fixtures/research/london-truth.json'), 'utf8')) as {
  photos: Record<string, { gaze: number | null }>;
};
// Groups the fixture can carry (demographics stay in ../shared): neutral vs smiling photo.
const photos: LensPhoto[] = Object.entries(fx.photos).map(([f, p]) => ({
  person: /(\d+)_\d+\.jpg$/.exec(f)![1]!, groups: { kind: f.includes('/smiling/') ? 'smiling' : 'neutral' }, gaze: p.gaze,
}));

describe('gaze at camera on the untouched London studio photos', () => {
  const r = lensReport(photos, ['kind'], { reps: 300 });

  it('reads all 146 photos of 73 persons as at the camera; the rule of three bounds the share', () => {
    expect([r.overall.photos, r.overall.persons, r.overall.missed]).toEqual([146, 73, 0]);
    expect(r.overall.atCamera.estimate).toBe(1);
    expect(r.overall.ruleOfThreeLower).toBeCloseTo(1 - 3 / 73, 12);
    expect(r.overall.min).toBeGreaterThan(0.5);
  });

  it('reads most fully at camera, smiling photos no less than neutral ones', () => {
    expect(r.overall.full).toBeGreaterThan(0.8);
    const kind = (k: string) => r.groups.find((g) => g.group === k)!;
    expect(kind('smiling').photos).toBe(73);
    expect(kind('smiling').meanGaze).toBeGreaterThanOrEqual(kind('neutral').meanGaze - 0.05);
  });
});

describe('lensRow', () => {
  it('counts a photo without a face as missed and not at camera, and then gives no rule-of-three bound', () => {
    const p: LensPhoto[] = ['a', 'b', 'c', 'd'].map((person, i) => ({ person, groups: {}, gaze: i ? 0.9 : null }));
    const r = lensRow('t', p, { reps: 100 });
    expect(r.missed).toBe(1);
    expect(r.atCamera.estimate).toBe(0.75);
    expect(r.ruleOfThreeLower).toBeNull();
  });
});
