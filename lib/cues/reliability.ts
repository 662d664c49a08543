/**
 * How far each cue can be trusted, from what it was measured against: `measured.json` holds one
 * figure per cue (written by `npm run bench:accuracy`), and a cue is trusted only when its figure
 * clears the floor stated in that file. Untrusted cues are shown with a caveat and drive no nudge.
 * Pure: the table is data, so tests pass their own.
 */
import { z } from 'zod';
import measured from './measured.json';
import { CUE_NAMES } from './types';

// zod 4 probes `new Function('')` to compile faster validators; the extension's CSP forbids eval.
z.config({ jitless: true });

/**
 * Everything a figure can be about: the per-frame cues, the smile without a calibration, and the
 * blink rate (a count over time rather than a per-frame cue).
 */
export const RELIABILITY_KEYS = [...CUE_NAMES, 'smileUncalibrated', 'blinkRate'] as const;
export type ReliabilityKey = (typeof RELIABILITY_KEYS)[number];

/** Metrics where higher is better (0..1); the others are errors, where lower is better. */
export const SHARE_METRICS = ['accuracy', 'agreement', 'auc', 'balancedAccuracy'] as const;
const METRICS = [...SHARE_METRICS, 'meanErrorDeg', 'relativeError'] as const;
export type Metric = (typeof METRICS)[number];

const figureSchema = z.strictObject({
  metric: z.enum(METRICS),
  value: z.number().finite().nonnegative(),
  /** A 95% interval of `value`, when the bench computed one. */
  lo: z.number().finite().optional(),
  hi: z.number().finite().optional(),
  /** How many independent things (people, clips…) the figure rests on. */
  n: z.number().int().nonnegative(),
  unit: z.string().min(1),
  /** What the cue was compared with, in a few words (English; written by the bench). */
  truth: z.string().min(1),
});

const floorSchema = z.strictObject({
  accuracy: z.number().min(0).max(1),
  degrees: z.number().positive(),
  relativeError: z.number().positive(),
  minN: z.number().int().positive(),
});

const tableSchema = z.strictObject({
  source: z.string(),
  floor: floorSchema,
  cues: z.record(z.string(), figureSchema),
});

/** One measured figure of a cue. */
export type MeasuredFigure = z.infer<typeof figureSchema>;

/**
 * What a cue must reach to be trusted. The project's floor (in measured.json): a point estimate of
 * at least 0.85 for accuracy, agreement, AUC or balanced accuracy; at most 3° mean error for angles;
 * at most 25% mean relative error for rates; and at least 20 people or clips behind the figure.
 */
export type ReliabilityFloor = z.infer<typeof floorSchema>;

/** The figures and the floor, checked. */
export interface ReliabilityTable {
  source: string;
  floor: ReliabilityFloor;
  cues: Partial<Record<ReliabilityKey, MeasuredFigure>>;
  /** Keys in the file that name no known cue (ignored; the unit test keeps this empty). */
  unknownKeys: string[];
}

const isKey = (k: string): k is ReliabilityKey => (RELIABILITY_KEYS as readonly string[]).includes(k);

/** Checks a measured.json-shaped object; throws a zod error when it is malformed. */
export function parseReliabilityTable(raw: unknown): ReliabilityTable {
  const t = tableSchema.parse(raw);
  const cues: ReliabilityTable['cues'] = {};
  const unknownKeys: string[] = [];
  for (const [k, f] of Object.entries(t.cues)) {
    if (isKey(k)) cues[k] = f;
    else unknownKeys.push(k);
  }
  return { source: t.source, floor: t.floor, cues, unknownKeys };
}

/**
 * The shipped figures. A malformed file (caught by the unit tests before it ships) reads as no
 * figures at all, so every cue is shown with its caveat rather than trusted by mistake.
 */
export const MEASURED: ReliabilityTable = (() => {
  try {
    return parseReliabilityTable(measured);
  } catch {
    return { source: 'invalid measured.json', floor: { accuracy: 0.85, degrees: 3, relativeError: 0.25, minN: 20 }, cues: {}, unknownKeys: [] };
  }
})();

/** Why a cue is or is not trusted. */
export type ReliabilityReason = 'measured' | 'notMeasured' | 'tooFew' | 'belowFloor';

/** A cue's standing against the floor. */
export interface CueReliability {
  key: ReliabilityKey;
  trusted: boolean;
  figure: MeasuredFigure | null;
  reason: ReliabilityReason;
  floor: ReliabilityFloor;
}

/** Whether a metric is a share where higher is better (accuracy, agreement, AUC, balanced accuracy). */
export const isShareMetric = (m: Metric): boolean => (SHARE_METRICS as readonly string[]).includes(m);

/** Whether a figure's point estimate is on the right side of the floor (its n aside). */
export function meetsFloor(f: MeasuredFigure, floor: ReliabilityFloor): boolean {
  if (isShareMetric(f.metric)) return f.value >= floor.accuracy;
  return f.metric === 'meanErrorDeg' ? f.value <= floor.degrees : f.value <= floor.relativeError;
}

/**
 * Whether `key` can be trusted: it has a figure, the figure rests on at least `floor.minN` people
 * or clips, and its value meets the floor. A cue never measured against labelled truth is not.
 */
export function cueReliability(key: ReliabilityKey, table: ReliabilityTable = MEASURED): CueReliability {
  const figure = table.cues[key] ?? null;
  const floor = table.floor;
  const reason: ReliabilityReason = !figure ? 'notMeasured' : figure.n < floor.minN ? 'tooFew' : !meetsFloor(figure, floor) ? 'belowFloor' : 'measured';
  return { key, trusted: reason === 'measured', figure, reason, floor };
}

/**
 * The standing of a reading built from several cues (head turned: yaw and pitch): trusted only
 * when all are; otherwise the first that is not, so the caveat names what holds it back.
 */
export function combinedReliability(keys: readonly ReliabilityKey[], table: ReliabilityTable = MEASURED): CueReliability {
  const all = keys.map((k) => cueReliability(k, table));
  return all.find((r) => !r.trusted) ?? all[0]!;
}

/** The smile's key: its calibrated figure applies only when the person has a baseline. */
export const smileKey = (calibrated: boolean): ReliabilityKey => (calibrated ? 'smile' : 'smileUncalibrated');
