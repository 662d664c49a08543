/**
 * Gathers one headline figure per cue from the bench's sections into lib/cues/measured.json (the
 * product's source for "About the measurements", caveats and which cues may nudge), and renders the
 * "Per-cue accuracy at a glance" table the README leads with.
 */
import type { Metrics } from '../../../lib/analysis/groups';

/** One cue's headline figure (the format of lib/cues/measured.json). */
export interface Figure {
  metric: 'accuracy' | 'agreement' | 'auc' | 'balancedAccuracy' | 'meanErrorDeg' | 'relativeError';
  value: number;
  lo?: number;
  hi?: number;
  n: number;
  unit: string;
  truth: string;
}

/** The floor a figure must meet for its cue to be trusted (lib/cues/reliability applies it). */
export const FLOOR = { accuracy: 0.85, degrees: 3, relativeError: 0.25, minN: 20 };

const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;
const clean = (f: Figure): Figure => ({ ...f, value: r4(f.value), ...(f.lo === undefined ? {} : { lo: r4(f.lo) }), ...(f.hi === undefined ? {} : { hi: r4(f.hi) }) });

/** Meets the floor (as lib/cues/reliability reads it). */
export function meetsFloor(f: Figure): boolean {
  if (f.n < FLOOR.minN) return false;
  if (f.metric === 'meanErrorDeg') return f.value <= FLOOR.degrees;
  if (f.metric === 'relativeError') return f.value <= FLOOR.relativeError;
  return f.value >= FLOOR.accuracy;
}

/** An accuracy figure from a bench metrics row. */
export const accuracyFigure = (m: Metrics, unit: string, truth: string): Figure =>
  ({ metric: 'accuracy', value: m.accuracy.estimate, lo: m.accuracy.lo, hi: m.accuracy.hi, n: m.persons, unit, truth });

/**
 * Framing (face centred, face size) is read from the box of the face found, so its truth is whether
 * the face was found at all: the share of labelled frontal photos with a face, by photo.
 */
export function framingFigures(frontal: { photos: number; missed: string[] }): Record<'faceCentered' | 'faceSize', Figure> {
  const f: Figure = { metric: 'accuracy', value: 1 - frontal.missed.length / frontal.photos, n: frontal.photos, unit: 'photos', truth: 'frontal photos where the face — whose box framing is read from — was found' };
  return { faceCentered: f, faceSize: f };
}

/** Inputs: the sections' JSON, plus figures other sections hand in by cue key. */
export interface MeasuredInput {
  calibrated: { overall: Metrics };
  photo: Partial<Record<string, Figure>>;
  more?: Partial<Record<string, Figure>>;
}

const show = (f: Figure): string => {
  const v = f.metric === 'meanErrorDeg' ? `${f.value.toFixed(2)}° mean error` : f.metric === 'relativeError' ? `${Math.round(f.value * 100)}% error` : `${f.metric} ${f.value.toFixed(3)}`;
  const ci = f.lo !== undefined && f.hi !== undefined ? (f.metric === 'meanErrorDeg' ? ` [${f.lo.toFixed(2)}, ${f.hi.toFixed(2)}]` : ` [${f.lo.toFixed(3)}, ${f.hi.toFixed(3)}]`) : '';
  return `${v}${ci}`;
};

/** The measured.json content and the glance table. */
export function measuredFigures(input: MeasuredInput) {
  const cues: Record<string, Figure> = {
    smile: accuracyFigure(input.calibrated.overall, 'people', 'posed smiles vs neutral (London set), after calibration, out of sample'),
  };
  for (const [k, f] of Object.entries({ ...input.photo, ...input.more })) if (f) cues[k] = f;
  const file = { source: `npm run bench:accuracy (full), ${new Date().toISOString().slice(0, 10)}`, floor: FLOOR, cues: Object.fromEntries(Object.entries(cues).map(([k, f]) => [k, clean(f)])) };
  const markdown = [
    '## Per-cue accuracy at a glance',
    '',
    `Floor for a cue to drive a nudge and be shown without a caveat: accuracy/agreement ≥ ${FLOOR.accuracy}, roll error ≤ ${FLOOR.degrees}°, blink-rate error ≤ ${FLOOR.relativeError * 100}%, from at least ${FLOOR.minN} people/seconds/blinks. This table is written to lib/cues/measured.json, which Settings › About the measurements shows.`,
    '',
    '| cue | figure [95% CI] | n | truth | meets the floor |',
    '| --- | --- | --- | --- | --- |',
    ...Object.entries(file.cues).map(([k, f]) => `| ${k} | ${show(f)} | ${f.n} ${f.unit} | ${f.truth} | ${meetsFloor(f) ? 'yes' : '**no** — shown with a caveat, no nudge'} |`),
    '',
  ].join('\n');
  return { file, markdown };
}
