/**
 * Head-roll error against synthetic truth: a photo turned in the image plane by a known angle must
 * read as its own untouched reading changed by that angle. Mean absolute error in degrees with a
 * person-level bootstrap, per angle and per group. Pure.
 */
import { ABOVE_THRESHOLD } from '../cues/aggregate';
import { bootstrap, seedFrom, type Interval } from './bootstrap';

/** One photo's roll readings: untouched, and after each known rotation. */
export interface RollPhoto {
  person: string;
  groups: Record<string, string>;
  /** Reading of the untouched photo (null: no face found). */
  base: number | null;
  /** `angle`: clockwise rotation in the image, degrees (as `Transform.rotate`); `roll`: the reading after it. */
  rotated: { angle: number; roll: number | null }[];
}

/**
 * The roll a rotated photo should read. `headPose` counts roll + when the head tilts
 * counter-clockwise in the image, and the rotation is clockwise, so the angle is subtracted.
 * `sign` = +1 gives the opposite convention, used only to show which one the data bear out.
 */
export const rollTruth = (base: number, angle: number, sign: 1 | -1 = -1): number => base + sign * angle;

/** One rotated reading against its truth. */
export interface RollReading {
  person: string;
  groups: Record<string, string>;
  angle: number;
  truth: number;
  read: number;
  /** read − truth, degrees. */
  error: number;
}

/** Every rotated reading with its truth; photos or views without a face are counted in `missed`. */
export function rollReadings(photos: readonly RollPhoto[], sign: 1 | -1 = -1): { readings: RollReading[]; missed: number } {
  const readings: RollReading[] = [];
  let missed = 0;
  for (const p of photos) for (const v of p.rotated) {
    if (p.base === null || v.roll === null) {
      missed++;
      continue;
    }
    const truth = rollTruth(p.base, v.angle, sign);
    readings.push({ person: p.person, groups: p.groups, angle: v.angle, truth, read: v.roll, error: v.roll - truth });
  }
  return { readings, missed };
}

/** Error figures of a set of readings. */
export interface RollRow {
  readings: number;
  persons: number;
  /** Mean |error|, degrees, with a person-level bootstrap interval. */
  mae: Interval;
  /** Mean signed error (a steady under- or over-reading of the angle). */
  bias: number;
  maxAbs: number;
  /** Share of readings where "|roll| > the shipped line" matches "|truth| > the line". */
  lineAgreement: Interval;
}

const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : NaN);
const lineOk = (r: RollReading): boolean => (Math.abs(r.read) > ABOVE_THRESHOLD.headRoll) === (Math.abs(r.truth) > ABOVE_THRESHOLD.headRoll);

/** Figures of `readings`; `name` seeds the bootstrap, which resamples persons (their views move together). */
export function rollRow(name: string, readings: readonly RollReading[], opts: { reps?: number; seed?: number } = {}): RollRow {
  const by = new Map<string, RollReading[]>();
  for (const r of readings) by.set(r.person, [...(by.get(r.person) ?? []), r]);
  const persons = [...by.values()];
  const b = (k: string, f: (rs: RollReading[]) => number): Interval =>
    bootstrap(persons, (s) => f(s.flat()), { reps: opts.reps ?? 2000, seed: seedFrom(`${name}/${k}`, opts.seed) });
  return {
    readings: readings.length,
    persons: persons.length,
    mae: b('mae', (rs) => mean(rs.map((r) => Math.abs(r.error)))),
    bias: mean(readings.map((r) => r.error)),
    maxAbs: readings.reduce((m, r) => Math.max(m, Math.abs(r.error)), 0),
    lineAgreement: b('line', (rs) => mean(rs.map((r) => (lineOk(r) ? 1 : 0)))),
  };
}

/** The whole roll check: overall, per angle, per group, and the error under the opposite sign convention. */
export interface RollReport {
  photos: number;
  missed: number;
  overall: RollRow;
  perAngle: ({ angle: number } & RollRow)[];
  groups: ({ attribute: string; group: string } & RollRow)[];
  /** Mean |error| if roll were + for a clockwise tilt: large when the shipped convention is the right one. */
  oppositeSignMae: number;
}

/** The roll check of `photos`, per group of each of `attributes`. */
export function rollReport(photos: readonly RollPhoto[], attributes: readonly string[], opts: { reps?: number; seed?: number } = {}): RollReport {
  const { readings, missed } = rollReadings(photos);
  const angles = [...new Set(readings.map((r) => r.angle))].sort((a, b) => a - b);
  const groups = attributes.flatMap((attribute) =>
    [...new Set(readings.map((r) => r.groups[attribute]).filter((g): g is string => g !== undefined))].sort().map((group) => ({
      attribute, group, ...rollRow(`roll/${attribute}=${group}`, readings.filter((r) => r.groups[attribute] === group), opts),
    })));
  return {
    photos: photos.length,
    missed,
    overall: rollRow('roll', readings, opts),
    perAngle: angles.map((angle) => ({ angle, ...rollRow(`roll/${angle}`, readings.filter((r) => r.angle === angle), opts) })),
    groups,
    oppositeSignMae: mean(rollReadings(photos, 1).readings.map((r) => Math.abs(r.error))),
  };
}
