// Protects the reading of the committed video labels (test/validation/labels) and the agreement maths.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cohenKappa, consensus, matchBlinks, parseBrowLabels, parseRaterLabels, withBrows } from './validation-labels';

const read = (clip: string, r: string) => parseRaterLabels(readFileSync(resolve(import.meta.dirname, '../../test/validation/labels', `${clip}.${r}.tsv`), 'utf8'));

describe('parseRaterLabels', () => {
  it('reads blinks and seconds, and refuses lines outside the protocol with their number', () => {
    const l = parseRaterLabels('# c\nblink\t10\t14\nblink\t30\t33\toccluded\nsecond\t0\tat\tclosed\tno\tfrontal\topen\n');
    expect(l.blinks).toEqual([{ onset: 10, offset: 14, occluded: false }, { onset: 30, offset: 33, occluded: true }]);
    expect(l.seconds.get(0)).toEqual({ gaze: 'at', mouth: 'closed', smile: 'no', head: 'frontal', eyes: 'open' });
    expect(() => parseRaterLabels('blink\t5\t2')).toThrow(/line 1/);
    expect(() => parseRaterLabels('second\t0\tat')).toThrow(/line 1/);
  });
});

describe('agreement', () => {
  it('matches blinks within ±2 frames, closest first, each at most once', () => {
    expect(matchBlinks([{ onset: 10 }, { onset: 50 }], [{ onset: 12 }, { onset: 11 }, { onset: 60 }])).toEqual([[0, 1]]);
  });

  it("computes Cohen's κ: 1 for perfect agreement, 0 at chance", () => {
    expect(cohenKappa(['a', 'b', 'a'], ['a', 'b', 'a'])).toBe(1);
    expect(cohenKappa(['a', 'a', 'b', 'b'], ['a', 'b', 'a', 'b'])).toBeCloseTo(0, 12);
  });

  it('on the franck clip: 54 blinks both raters marked, and only definite agreed seconds as truth', () => {
    const c = consensus(read('franck', 'r1'), read('franck', 'r2'));
    expect(c.blinks).toHaveLength(54);
    expect(c.blinkDisagreements.length).toBeLessThanOrEqual(4);
    for (const f of Object.values(c.seconds)) for (const w of f.values()) expect(['unsure', 'noface']).not.toContain(w);
    const smile = c.agreement.find((a) => a.field === 'smile')!;
    expect(smile.kappa).toBeGreaterThan(0.8);
    expect(smile.agreed + smile.disagreements.length).toBe(smile.seconds);
  });
});

describe('the brows field', () => {
  it('parses one word per second and refuses other words', () => {
    expect(parseBrowLabels('# r\nbrows\t0\traised\nbrows\t1\tneutral\n')).toEqual(new Map([[0, 'raised'], [1, 'neutral']]));
    expect(() => parseBrowLabels('brows\t0\tlifted')).toThrow(/line 1/);
  });

  it('adds agreed definite words and the κ row to a consensus', () => {
    const base = consensus(read('cap13', 'r1'), read('cap13', 'r2'));
    const a = new Map([[0, 'raised'], [1, 'neutral'], [2, 'unsure'], [3, 'drawn']]);
    const b = new Map([[0, 'raised'], [1, 'drawn'], [2, 'unsure'], [3, 'drawn']]);
    const c = withBrows(base, a, b);
    expect(c.brows).toEqual(new Map([[0, 'raised'], [3, 'drawn']]));
    expect(c.agreement.at(-1)).toMatchObject({ field: 'brows', seconds: 4, agreed: 3, unsure: 1, disagreements: [{ second: 1, r1: 'neutral', r2: 'drawn' }] });
    expect(c.seconds).toBe(base.seconds);
  });
});
