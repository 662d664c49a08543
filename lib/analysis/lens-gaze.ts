/**
 * Gaze at camera against the London studio photos, whose subjects look into the lens: every
 * untouched photo is a positive, so the figure is the share read as at the camera, overall and per
 * group, with a person-level bootstrap. Pure.
 */
import { ABOVE_THRESHOLD } from '../cues/aggregate';
import { bootstrap, seedFrom, type Interval } from './bootstrap';

/** One studio photo's reading. */
export interface LensPhoto {
  person: string;
  groups: Record<string, string>;
  /** gazeAtCamera of the untouched photo; null when no face was found (counts as not at camera). */
  gaze: number | null;
}

/** The share read at camera among some photos. */
export interface LensRow {
  photos: number;
  persons: number;
  missed: number;
  /** Share with gazeAtCamera above the shipped line. */
  atCamera: Interval;
  /** Share read as fully at the camera (gaze within `GAZE_ON` of it, so gazeAtCamera = 1): the margin. */
  full: number;
  meanGaze: number;
  min: number;
  /**
   * When every photo reads at camera the bootstrap interval collapses to 1–1; the rule of three
   * then gives the one-sided 95% lower bound, counted over persons since a person's photos go together
   * (null otherwise, and below 4 persons, where it says nothing).
   */
  ruleOfThreeLower: number | null;
}

const at = (p: LensPhoto): boolean => p.gaze !== null && p.gaze > ABOVE_THRESHOLD.gazeAtCamera;

/** The figures of `photos`; `name` seeds the bootstrap over persons. */
export function lensRow(name: string, photos: readonly LensPhoto[], opts: { reps?: number; seed?: number } = {}): LensRow {
  const by = new Map<string, LensPhoto[]>();
  for (const p of photos) by.set(p.person, [...(by.get(p.person) ?? []), p]);
  const units = [...by.values()];
  const atCamera = bootstrap(units, (s) => {
    const f = s.flat();
    return f.filter(at).length / f.length;
  }, { reps: opts.reps ?? 2000, seed: seedFrom(`${name}/atCamera`, opts.seed) });
  const g = photos.map((p) => p.gaze ?? 0);
  return {
    photos: photos.length,
    persons: units.length,
    missed: photos.filter((p) => p.gaze === null).length,
    atCamera,
    full: g.filter((v) => v >= 1).length / g.length,
    meanGaze: g.reduce((a, v) => a + v, 0) / g.length,
    min: Math.min(...g),
    ruleOfThreeLower: atCamera.estimate === 1 && units.length > 3 ? 1 - 3 / units.length : null,
  };
}

/** Overall and per group of each of `attributes` (groups in name order). */
export function lensReport(photos: readonly LensPhoto[], attributes: readonly string[], opts: { reps?: number; seed?: number } = {}): { overall: LensRow; groups: ({ attribute: string; group: string } & LensRow)[] } {
  const groups = attributes.flatMap((attribute) =>
    [...new Set(photos.map((p) => p.groups[attribute]).filter((g): g is string => g !== undefined))].sort().map((group) => ({
      attribute, group, ...lensRow(`lens/${attribute}=${group}`, photos.filter((p) => p.groups[attribute] === group), opts),
    })));
  return { overall: lensRow('lens', photos, opts), groups };
}
