// Protects the head-roll check: truth from known rotations (sign included), error figures per angle and group, on the recorded London photos.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rollReadings, rollReport, rollRow, rollTruth, type RollPhoto } from './roll-error';

/** test/fixtures/research/london-truth.json: per photo, roll untouched then after each clockwise rotation. */
const fx = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../test/fixtures/research/london-truth.json'), 'utf8')) as {
  rotations: number[]; photos: Record<string, { roll: (number | null)[] }>;
};
// A grouping the fixture can carry (demographics stay in ../shared): odd and even person numbers.
const photos: RollPhoto[] = Object.entries(fx.photos).filter(([f]) => f.includes('/neutral/')).map(([f, p]) => {
  const person = /(\d+)_\d+\.jpg$/.exec(f)![1]!;
  return { person, groups: { parity: Number(person) % 2 ? 'odd' : 'even' }, base: p.roll[0]!, rotated: fx.rotations.map((angle, i) => ({ angle, roll: p.roll[i + 1]! })) };
});

describe('roll against known rotations of the London neutral photos', () => {
  const report = rollReport(photos, ['parity'], { reps: 300 });

  it('takes a clockwise rotation off the reading (roll is + counter-clockwise)', () => {
    expect(rollTruth(2, 10)).toBe(-8);
    expect(report.overall.mae.estimate).toBeLessThan(0.5);
    expect(report.oppositeSignMae).toBeGreaterThan(20);
  });

  it('reads every rotation of all 73 photos, within 1° and on the right side of the 15° line', () => {
    expect([report.photos, report.missed, report.overall.readings, report.overall.persons]).toEqual([73, 0, 584, 73]);
    expect(report.overall.maxAbs).toBeLessThan(1);
    expect(report.overall.lineAgreement.estimate).toBe(1);
    expect(report.perAngle.map((r) => [r.angle, r.readings])).toEqual(fx.rotations.map((a) => [a, 73]));
  });

  it('errs more at larger angles than small ones', () => {
    const at = (a: number) => report.perAngle.find((r) => r.angle === a)!.mae.estimate;
    expect(at(30) + at(-30)).toBeGreaterThan(at(5) + at(-5));
  });

  it('tables each group, and its persons add up', () => {
    expect(report.groups.map((g) => g.group)).toEqual(['even', 'odd']);
    expect(report.groups.reduce((a, g) => a + g.persons, 0)).toBe(73);
  });
});

describe('rollReadings / rollRow', () => {
  it('counts views without a face as missed, and a steady over-reading as bias', () => {
    const p: RollPhoto[] = [
      { person: 'a', groups: {}, base: 0, rotated: [{ angle: 10, roll: -11 }, { angle: -20, roll: null }] },
      { person: 'b', groups: {}, base: null, rotated: [{ angle: 5, roll: 3 }] },
    ];
    const { readings, missed } = rollReadings(p);
    expect(missed).toBe(2);
    expect(readings).toEqual([expect.objectContaining({ truth: -10, read: -11, error: -1 })]);
    expect(rollRow('t', readings, { reps: 50 })).toMatchObject({ bias: -1, maxAbs: 1, readings: 1, persons: 1 });
  });
});
