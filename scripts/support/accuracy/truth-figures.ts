/**
 * Picks each cue's headline figure (lib/cues/measured.json) out of the "Cues against labelled truth"
 * and "Blinks" sections. The figure is the one a user's decision rests on: balanced accuracy where
 * one class is rare (a high raw agreement there only says the common class is common), mean error in
 * degrees for roll, the 1-minute error at 5 frames/s for the blink rate.
 */
import type { Figure } from './measured';

interface Est { estimate: number | null; lo: number | null; hi: number | null }
interface Video { field: string; scope: string; n: number; positives: number; negatives: number; accuracy: Est; balancedAccuracy: Est }
interface TruthJson { video: Video[]; roll: { photos: number; overall: { mae: Est } } }
interface BlinkJson { rates: { rate: number; pooled: { trueBlinks: number; windows: { meanAbsErr: number } | null } }[] }

const VIDEO = 'video seconds both raters agree on (3 people)';

/** Figures by cue key; a cue without usable truth gets none (it then reads "not yet measured"). */
export function truthFigures(truthJson: unknown, blinkJson: unknown): Record<string, Figure> {
  const t = truthJson as TruthJson, b = blinkJson as BlinkJson;
  const pooled = (field: string) => t.video.find((v) => v.field === field && v.scope === 'pooled')!;
  const maybe = (field: string) => t.video.find((v) => v.field === field && v.scope === 'pooled');
  const fig = (metric: Figure['metric'], e: Est, n: number, unit: string, truth: string): Figure | null =>
    e.estimate === null || !Number.isFinite(e.estimate) ? null : { metric, value: e.estimate, ...(e.lo === null || !Number.isFinite(e.lo) ? {} : { lo: e.lo }), ...(e.hi === null || !Number.isFinite(e.hi) ? {} : { hi: e.hi }), n, unit, truth };
  const gaze = pooled('gaze'), mouth = pooled('mouth'), head = pooled('head');
  const out: Record<string, Figure | null> = {
    gazeAtCamera: fig('agreement', gaze.accuracy, gaze.n, 'seconds', `${VIDEO}: looking into the camera or away`),
    mouthOpen: fig('balancedAccuracy', mouth.balancedAccuracy, mouth.n, 'seconds', `${VIDEO}: lips clearly apart or closed`),
    // Only a handful of labelled turned seconds: n is those, so the figure cannot pass the floor by the frontal majority.
    headYaw: fig('balancedAccuracy', head.balancedAccuracy, head.positives, 'turned seconds', `${VIDEO}: head turned or tipped ≥ 20° vs frontal`),
    headPitch: fig('balancedAccuracy', head.balancedAccuracy, head.positives, 'turned seconds', `${VIDEO}: head turned or tipped ≥ 20° vs frontal`),
    headRoll: fig('meanErrorDeg', t.roll.overall.mae, t.roll.photos, 'people', 'London photos rotated by known angles (±5–30°)'),
  };
  // Brows: n is the seconds showing the movement, as for the head, so a still majority cannot carry it.
  for (const [key, word] of [['browRaise', 'raised'], ['browFurrow', 'drawn together']] as const) {
    const v = maybe(key);
    if (v) out[key] = fig('balancedAccuracy', v.balancedAccuracy, v.positives, `${word} seconds`, `${VIDEO}: brows ${word} vs not`);
  }
  const five = b.rates.find((r) => r.rate === 5)!.pooled;
  if (five.windows) out.blinkRate = { metric: 'relativeError', value: five.windows.meanAbsErr, n: five.trueBlinks, unit: 'blinks', truth: 'blinks both raters marked in 3 clips (54 of them one person), 1-minute stretches at 5 frames/s' };
  return Object.fromEntries(Object.entries(out).filter((e): e is [string, Figure] => e[1] !== null));
}
