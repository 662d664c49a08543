// Cue sensitivity moves the "above" thresholds of the aggregates, and with them what counts as a
// smiling / brows-drawn / looking-at-the-camera second — checked on a real recorded clip.
import { describe, expect, it } from 'vitest';
import clip12 from '../../test/fixtures/clip-cap12_edit.json';
import stillsJson from '../../test/fixtures/stills.json';
import { ABOVE_THRESHOLD, SecondAggregator } from '../cues/aggregate';
import { frameCues } from '../cues/frame-cues';
import type { FrameObservation } from '../cues/observation';
import type { SecondAggregate } from '../cues/types';
import { thresholdsFor } from './sensitivity';

function seconds(thresholds: ReturnType<typeof thresholdsFor>): SecondAggregate[] {
  const agg = new SecondAggregator();
  agg.useThresholds(thresholds);
  const out: SecondAggregate[] = [];
  for (const f of clip12 as { ts: number; observation: FrameObservation }[]) out.push(...agg.push(f.ts, frameCues(f.observation)));
  return out;
}
const share = (xs: SecondAggregate[], cue: 'smile' | 'gazeAtCamera'): number => xs.reduce((n, a) => n + (a.cues?.[cue].above ?? 0), 0);

describe('thresholdsFor', () => {
  it('is the shipped thresholds for "normal" and for anything unknown', () => {
    expect(thresholdsFor({ smile: 'normal', browFurrow: 'normal', gazeAtCamera: 'normal' })).toEqual(ABOVE_THRESHOLD);
    expect(thresholdsFor({ smile: 'loud', browFurrow: 3 })).toEqual(ABOVE_THRESHOLD);
    expect(thresholdsFor(null)).toEqual(ABOVE_THRESHOLD);
  });
  it('counts a movement sooner with "more" and later with "less"', () => {
    const more = thresholdsFor({ smile: 'more', browFurrow: 'more', gazeAtCamera: 'more' });
    const less = thresholdsFor({ smile: 'less', browFurrow: 'less', gazeAtCamera: 'less' });
    expect(more.smile).toBeLessThan(ABOVE_THRESHOLD.smile);
    expect(less.smile).toBeGreaterThan(ABOVE_THRESHOLD.smile);
    expect(more.browFurrow).toBeLessThan(ABOVE_THRESHOLD.browFurrow);
    // For the gaze, "more" is stricter about what counts as looking at the camera.
    expect(more.gazeAtCamera).toBeGreaterThan(ABOVE_THRESHOLD.gazeAtCamera);
    expect(thresholdsFor({ smile: 'more' }).headYaw).toBe(ABOVE_THRESHOLD.headYaw);
  });
});

describe('aggregates under a sensitivity', () => {
  it('a more sensitive smile setting counts at least as much smiling time on a real clip, a less sensitive one at most as much', () => {
    const normal = share(seconds(thresholdsFor({})), 'smile');
    const more = share(seconds(thresholdsFor({ smile: 'more' })), 'smile');
    const less = share(seconds(thresholdsFor({ smile: 'less' })), 'smile');
    // The clip smiles around seconds 7–9 at 0.36–0.45: "less" (0.45) counts less of it; no frame lies
    // between "more" and "normal", so "more" counts the same there (the stills below show the difference).
    expect(more).toBeGreaterThanOrEqual(normal);
    expect(less).toBeLessThan(normal);
  });
  it('a more sensitive smile setting counts more of the posed London smiles, a less sensitive one fewer', () => {
    const stills = stillsJson as unknown as Record<string, FrameObservation>;
    const smiles = Object.entries(stills).filter(([f]) => f.startsWith('A/london/smiling/')).map(([, o]) => frameCues(o).cues?.smile ?? 0);
    const counted = (t: number) => smiles.filter((x) => x > t).length;
    expect(counted(thresholdsFor({ smile: 'more' }).smile)).toBeGreaterThan(counted(thresholdsFor({}).smile));
    expect(counted(thresholdsFor({ smile: 'less' }).smile)).toBeLessThan(counted(thresholdsFor({}).smile));
  });
  it('a stricter gaze setting counts less time as looking at the camera', () => {
    expect(share(seconds(thresholdsFor({ gazeAtCamera: 'more' })), 'gazeAtCamera')).toBeLessThan(share(seconds(thresholdsFor({})), 'gazeAtCamera'));
  });
});
