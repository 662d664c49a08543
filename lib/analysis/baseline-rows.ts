/**
 * `analyze --baseline`: rows on a person's own scale. The baseline is made by the same
 * `computeBaseline` the Practice page's calibration uses, and applied by the same `normaliseFrame`
 * the live session applies before its 1-second aggregator, so a bench with a baseline measures what
 * a calibrated user gets. Pure (observations in, rows out), so it is unit-tested in Node.
 */
import { SecondAggregator } from '../cues/aggregate';
import { frameCues } from '../cues/frame-cues';
import type { FrameObservation } from '../cues/observation';
import type { FrameCues } from '../cues/types';
import { computeBaseline, isBaseline, normaliseFrame, type Baseline } from '../feedback/baseline';
import { imageRow, secondRow, type AnalysisRow } from './rows';

/** The Practice page records the relaxed face for 10 s (components/Calibration.tsx)… */
export const CALIBRATION_SECONDS = 10;
/** …at the practice frame rate of 10 frames a second. */
export const CALIBRATION_FPS = 10;

type Timed = { ts: number; observation: FrameObservation };

const observationsOf = (file: string, rows: readonly AnalysisRow[]): Timed[] => {
  const obs = rows.flatMap((r) => r.observations ?? []);
  if (!obs.length) throw new Error(`${file}: no frame observations to compute a baseline from.`);
  return obs;
};

/**
 * The frames a calibration would record from this file: a photo held in front of the camera for
 * the whole calibration (the same frame 100 times), or a clip's first 10 seconds.
 */
export function calibrationFrames(file: string, rows: readonly AnalysisRow[]): FrameCues[] {
  const obs = observationsOf(file, rows);
  const isPhoto = rows.length === 1 && rows[0]!.t === undefined;
  if (isPhoto) return Array.from({ length: CALIBRATION_SECONDS * CALIBRATION_FPS }, () => frameCues(obs[0]!.observation));
  return obs.filter((o) => o.ts < CALIBRATION_SECONDS * 1000).map((o) => frameCues(o.observation));
}

/** The baseline from a file's rows (analysed with observations); throws with the calibration's own message if it cannot be made. */
export function baselineFromRows(file: string, rows: readonly AnalysisRow[]): Baseline {
  const b = computeBaseline(calibrationFrames(file, rows));
  if (!isBaseline(b)) throw new Error(`Baseline ${file}: ${b.error}`);
  return b;
}

/** Rows (analysed with observations) recomputed on the baseline's scale; observations are kept. */
export function rowsWithBaseline(rows: readonly AnalysisRow[], baseline: Baseline): AnalysisRow[] {
  if (!rows.length) return [];
  const file = rows[0]!.file;
  const obs = observationsOf(file, rows);
  if (rows.length === 1 && rows[0]!.t === undefined) {
    return [{ ...imageRow(file, normaliseFrame(frameCues(obs[0]!.observation), baseline)), observations: obs }];
  }
  // A clip: normalised frames through a fresh aggregator, as the live session feeds its seconds.
  const agg = new SecondAggregator();
  const seconds = obs.flatMap((o) => agg.push(o.ts, normaliseFrame(frameCues(o.observation), baseline)));
  const last = agg.flush();
  if (last) seconds.push(last);
  return seconds.map((a) => ({ ...secondRow(file, a), observations: obs.filter((o) => Math.floor(o.ts / 1000) === a.t) }));
}
